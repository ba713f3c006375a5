require("fs").mkdirSync("build", { recursive: true }); require("fs").writeFileSync("build/index.html", "<h1>hi</h1>");
