const http = require('http');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();
http.createServer(async (req, res) => {
  const orders = await prisma.order.count();
  res.end(JSON.stringify({ orders }));
}).listen(3000);
