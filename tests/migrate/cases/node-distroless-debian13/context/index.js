const http = require('http');
const ms = require('ms');

http.createServer((req, res) => res.end(`up for ${ms(process.uptime() * 1000)}\n`)).listen(8080);
