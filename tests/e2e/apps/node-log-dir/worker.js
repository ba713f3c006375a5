// A queue worker that keeps an audit log in /var/log/app/worker.log. The log
// folder is made (and given to the `node` user) when the image is built; if
// the log cannot be opened for writing the worker refuses to start.
'use strict';
const fs = require('fs');

const LOG = '/var/log/app/worker.log';
let fd;
try {
  fd = fs.openSync(LOG, 'a');
} catch (err) {
  console.error(`worker: cannot open ${LOG}: ${err.code}`);
  process.exit(1);
}
const jobs = [
  { id: 101, kind: 'resize', size: 2048 },
  { id: 102, kind: 'thumbnail', size: 512 },
  { id: 103, kind: 'resize', size: 1024 },
];
let lines = 0;
for (const job of jobs) {
  const result = job.kind === 'resize' ? job.size / 2 : job.size / 4;
  fs.writeSync(fd, `${new Date().toISOString()} job=${job.id} kind=${job.kind} out=${result}\n`);
  lines++;
  console.log(`job ${job.id} ${job.kind} -> ${result}`);
}
fs.closeSync(fd);
const size = fs.statSync(LOG).size;
console.log(`log=${LOG} lines=${lines} nonempty=${size > 0}`);
