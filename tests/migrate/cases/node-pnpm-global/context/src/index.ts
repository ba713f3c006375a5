import ms from "ms";

const timeouts = process.argv.slice(2);
for (const t of timeouts.length ? timeouts : ["30s", "5m", "2h"]) {
  console.log(`${t}\t${ms(t)}`);
}
