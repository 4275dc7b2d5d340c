// Copies the data files the API reads at run time (seed CSV and text files) from src into dist.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '../apps/api');
const ASSET = /\.(csv|txt|sql|html|hbs)$/;

function copyAssets(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(from);
    else if (ASSET.test(entry.name)) {
      const to = path.join(root, 'dist', path.relative(path.join(root, 'src'), from));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
    }
  }
}
copyAssets(path.join(root, 'src'));
