'use strict';
const http = require('http');
const { v5: uuidv5, validate } = require('uuid');

const i = process.argv.indexOf('--namespace');
const namespace = i > 0 ? process.argv[i + 1] : null;
if (!namespace || !validate(namespace)) {
  console.error('usage: main.js --namespace UUID');
  process.exit(2);
}
const port = Number(process.env.PORT || 8000);
const greeting = process.env.GREETING || 'hello';

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/id') {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
    return;
  }
  const name = url.searchParams.get('name') || 'anonymous';
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`${greeting} ${name}: ${uuidv5(name, namespace)}\n`);
}).listen(port, () => console.log(`listening on ${port}`));
