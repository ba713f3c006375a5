// @ts-nocheck
const fs = require("fs");
const ini = require("ini");
const semver = require("semver");

const gates = ini.parse(fs.readFileSync("gates.ini", "utf8"));
for (const [name, range] of Object.entries(gates.releases ?? {})) {
  console.log(`${name}: ${semver.satisfies(process.version, range) ? "open" : "closed"}`);
}
