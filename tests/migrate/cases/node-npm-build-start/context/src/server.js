const http = require("http");
const ms = require("ms");
const started = Date.now();
const port = Number(process.env.PORT || 8080);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`up ${ms(Date.now() - started)} (v__VERSION__)\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
