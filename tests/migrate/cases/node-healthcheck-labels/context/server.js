const http = require("http");
const { v4: uuid } = require("uuid");
const instance = uuid();
const port = Number(process.env.PORT || 3000);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`ok ${instance}\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
