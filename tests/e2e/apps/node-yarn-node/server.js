// A small HTTP service answering "does this version satisfy that range?".
// Started with `yarn node .` (yarn's built-in: run node on the package main).
'use strict';
const http = require('http');
const semver = require('semver');

const port = Number(process.env.PORT || 8097);
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/check') {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
    return;
  }
  const version = url.searchParams.get('version') || '';
  const range = url.searchParams.get('range') || '';
  if (!semver.valid(version) || !semver.validRange(range)) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'need a valid version and range' }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ version, range, satisfies: semver.satisfies(version, range) }));
});
server.listen(port, () => console.log(`listening on ${port}`));
