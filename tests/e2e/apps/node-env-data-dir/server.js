// Stores "uploads" below $BASE_DIR (a folder the image names in ENV, outside
// the app folder) and writes server.txt into its own folder. Either folder
// not writable by the user it runs as makes it exit 1.
const fs = require('fs');
const path = require('path');

const base = process.env.BASE_DIR;
try {
  const uploads = path.join(base, 'uploads');
  fs.mkdirSync(uploads, { recursive: true });
  for (const [i, text] of ['first', 'second'].entries()) {
    fs.writeFileSync(path.join(uploads, `upload-${i + 1}.txt`), text + '\n');
  }
  fs.writeFileSync('server.txt', 'started\n');
  const files = fs.readdirSync(uploads).length;
  console.log(`uploads=${files} under ${base} marker=${fs.readFileSync('server.txt', 'utf8').trim()}`);
} catch (err) {
  console.error(`cannot write: ${err.message}`);
  process.exit(1);
}
