// `npm run build`: writes build/ (the server and the page it serves). The
// page carries a marker computed here, so a probe can tell the built page
// from the source.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'build');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(root, 'src', 'server.js'), path.join(out, 'server.js'));
const page = fs.readFileSync(path.join(root, 'src', 'index.html'), 'utf8');
const words = page.split(/\s+/).filter(Boolean).length;
fs.writeFileSync(path.join(out, 'index.html'), page.replace('{{built}}', `built: ${words} words`));
console.log('built build/server.js and build/index.html');
