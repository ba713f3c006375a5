// Loads the native addon and prints what SQLite answers through it.
const tally = require('./build/Release/tally.node');

const n = Number(process.argv[2] || 100);
console.log(`sqlite ${tally.version().split('.')[0]}.x tally(${n})=${tally.tally(n)}`);
