const http = require("http");
const ms = require("ms");
const port = Number(process.env.PORT || 8080);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(ms(Date.now()) + "\n");
  })
  .listen(port, () => console.log(`listening on ${port}`));
