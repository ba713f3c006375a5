// Turns the product CSV into the catalog database the service reads at run
// time: /var/lib/app/catalog.json, grouped by category.
'use strict';
const fs = require('fs');
const path = require('path');

const DATA_DIR = '/var/lib/app';
const src = process.argv[2];
if (!src) {
  console.error('usage: build-catalog.js PRODUCTS.csv');
  process.exit(2);
}
const [header, ...rows] = fs.readFileSync(src, 'utf8').trim().split('\n');
const columns = header.split(',');
const catalog = {};
for (const row of rows) {
  const values = row.split(',');
  const product = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
  product.price_cents = Number(product.price_cents);
  (catalog[product.category] ||= []).push(product);
}
fs.mkdirSync(DATA_DIR, { recursive: true });
const out = path.join(DATA_DIR, 'catalog.json');
fs.writeFileSync(out, JSON.stringify({ source: path.basename(src), catalog }, null, 2));
console.log(`wrote ${out}: ${rows.length} products`);
