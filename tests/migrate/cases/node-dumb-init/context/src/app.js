const ms = require('ms');
process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
console.log(`up for ${ms(60000)}`);
setInterval(() => {}, 1 << 30);
