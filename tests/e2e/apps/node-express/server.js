'use strict';
const express = require('express');
const os = require('os');

const app = express();
const port = Number(process.env.PORT || 3000);

app.get('/health', (req, res) => {
  // Deterministic body: what the probe compares between the two images.
  res.json({
    status: 'ok',
    service: 'node-express',
    express: require('express/package.json').version,
    node: process.versions.node.split('.')[0],
  });
});

app.get('/', (req, res) => res.type('text').send(`hello from ${os.platform()}\n`));

app.listen(port, () => console.log(`listening on ${port}`));
