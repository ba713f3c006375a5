const http = require("http");
const ms = require("ms");
const { v4: uuid } = require("uuid");
const port = Number(process.env.PORT || 3000);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`${uuid()} ${ms(60000)}\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
