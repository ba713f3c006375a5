import http from "http";
import ms from "ms";

const port = Number(process.env.PORT ?? 3000);
http
  .createServer((req, res) => {
    const text = decodeURIComponent((req.url ?? "/").slice(1)) || "1h";
    res.end(`${text} = ${ms(text)} ms\n`);
  })
  .listen(port);
