// The build: copies src/ to dist/ and writes dist/build-info.json.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist);
const sources = fs.readdirSync(path.join(root, 'src')).filter((f) => f.endsWith('.js'));
for (const file of sources) {
  fs.copyFileSync(path.join(root, 'src', file), path.join(dist, file));
}
const { version } = require('../package.json');
fs.writeFileSync(path.join(dist, 'build-info.json'),
  JSON.stringify({ version, builtFrom: `${sources.length} source file(s)` }) + '\n');
console.log(`built ${sources.length} file(s) into dist/`);
