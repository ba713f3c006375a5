const http = require("http");
const { v4: uuid } = require("uuid");
const port = Number(process.env.PORT || 3000);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(uuid() + "\n");
  })
  .listen(port, () => console.log(`listening on ${port}`));
