// Copies src/ to dist/ with the package version stamped in.
const fs = require("fs");
const path = require("path");
const { version } = require("../package.json");
fs.mkdirSync("dist", { recursive: true });
for (const file of fs.readdirSync("src")) {
  const text = fs.readFileSync(path.join("src", file), "utf8").replace("__VERSION__", version);
  fs.writeFileSync(path.join("dist", file), text);
}
