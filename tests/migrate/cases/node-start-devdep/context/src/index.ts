import ms from "ms";

setInterval(() => console.log(`tick ${ms(5000)}`), 5000);
