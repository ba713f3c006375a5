// Answers with an id and a duration: `uuid` and `ms` must be installed, and
// pnpm must start without a download (the port comes from the start script).
const http = require("http");
const ms = require("ms");
const { validate } = require("uuid");

const port = Number(process.env.PORT || 3000);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`${validate("9b2c5f0e-5a3c-4c8e-9d2b-0f6f4a1e2b3c")} ${ms(120000)}\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
