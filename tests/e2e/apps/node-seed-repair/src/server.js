// Started by `npm start` from the app folder: serves the built page, and
// uses `ms` (a dependency in node_modules) so the runtime needs those too.
const http = require('http');
const fs = require('fs');
const path = require('path');
const ms = require('ms');

const page = fs.readFileSync(path.join(__dirname, 'index.html'), 'utf8');
const port = 8098;
http
  .createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`${page}<p>env ${process.env.NODE_ENV || 'unset'}, timeout ${ms(90000)}</p>\n`);
    } else {
      res.writeHead(404);
      res.end('not found\n');
    }
  })
  .listen(port, () => console.log(`listening on ${port}`));
