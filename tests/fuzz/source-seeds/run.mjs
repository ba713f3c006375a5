import cp, { execFile as run } from 'node:child_process';
import * as proc from "child_process";
run('git', ['log']);
cp.spawn('make');
proc.execSync('whoami');
