// Prints the catalog summary from the database built into the image at
// /var/lib/app/catalog.json. Without it there is nothing to serve: exit 1.
'use strict';
const fs = require('fs');

const DB = '/var/lib/app/catalog.json';
let data;
try {
  data = JSON.parse(fs.readFileSync(DB, 'utf8'));
} catch (err) {
  console.error(`catalog: cannot read ${DB}: ${err.message}`);
  process.exit(1);
}
const euros = (cents) => (cents / 100).toFixed(2);
for (const [category, products] of Object.entries(data.catalog).sort()) {
  const cheapest = products.reduce((a, b) => (b.price_cents < a.price_cents ? b : a));
  const total = products.reduce((sum, p) => sum + p.price_cents, 0);
  console.log(`${category.padEnd(8)} products=${products.length} ` +
    `cheapest=${cheapest.sku} (${euros(cheapest.price_cents)}) total=${euros(total)}`);
}
console.log(`catalog=${DB} source=${data.source}`);
