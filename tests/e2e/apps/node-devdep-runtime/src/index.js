'use strict';
// `bytes` sits in devDependencies by mistake (it was first used only by a
// build script), but this file, and so the built dist/index.js, requires it.
const bytes = require('bytes');
const ms = require('ms');
const { version, builtFrom } = require('./build-info.json');

const volumes = [
  { name: 'uploads', used: 7516192768, idle: 5400000 },
  { name: 'cache', used: 524288000, idle: 90000 },
  { name: 'logs', used: 1536, idle: 172800000 },
];
console.log(`disk report v${version} (built from ${builtFrom})`);
for (const v of volumes) {
  console.log(`${v.name.padEnd(8)} used=${bytes(v.used)} idle=${ms(v.idle, { long: true })}`);
}
const total = volumes.reduce((sum, v) => sum + v.used, 0);
console.log(`total=${bytes(total, { decimalPlaces: 1 })}`);
