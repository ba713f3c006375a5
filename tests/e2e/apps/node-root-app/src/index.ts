import { parseAll } from './durations';

const inputs = process.argv.length > 2 ? process.argv.slice(2) : ['90s', '1.5h', '2d'];
const parsed = parseAll(inputs);
let total = 0;
for (const p of parsed) {
  console.log(`${p.input.padEnd(6)} = ${String(p.millis).padStart(9)} ms (${p.pretty})`);
  total += p.millis;
}
console.log(`total=${total}`);
