const ms = require("ms");

const every = process.env.POLL_EVERY || "10s";
setInterval(() => console.log(`polling the queue every ${every}`), ms(every));
