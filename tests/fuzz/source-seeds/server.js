const { execSync, spawn: run } = require('node:child_process');
const cp = require("child_process");
const ex = require('child_process').execFile;
execSync(`git describe ${ref}`);
run('ffmpeg', ['-i']);
cp.spawnSync("convert", []);
ex('pdftotext');
require('child_process').exec('ls | wc -l');
