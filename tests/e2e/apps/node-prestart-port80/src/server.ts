// A status service started with `npm start`: npm runs prestart (a tsc build)
// first, and sets npm_package_version and npm_lifecycle_event for the script.
// It serves port 80 unless PORT says otherwise, so it needs root to bind.
import * as http from 'http';

const port = Number(process.env.PORT || 80);

const server = http.createServer((req, res) => {
  if (req.url !== '/health') {
    res.writeHead(404).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({
    status: 'ok',
    version: process.env.npm_package_version ?? 'unknown',
    event: process.env.npm_lifecycle_event ?? 'none',
  }));
});

server.listen(port, () => console.log(`listening on ${port}`));
