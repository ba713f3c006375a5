'use strict';
const fs = require('fs');
const path = require('path');
const ini = require('ini');
const semver = require('semver');

const cfg = ini.parse(fs.readFileSync(path.join(__dirname, 'releases.ini'), 'utf8'));
const range = cfg.range;
let failures = 0;
for (const [name, version] of Object.entries(cfg.services)) {
  const ok = semver.satisfies(version, range);
  if (!ok) failures++;
  console.log(`${name.padEnd(8)} ${version.padEnd(11)} ${ok ? 'supported' : 'UNSUPPORTED'}`);
}
console.log(`range "${range}": ${failures} unsupported`);
// Exit status is part of the contract the probe checks.
process.exitCode = failures === 2 ? 3 : 1;
