// Copies non-TypeScript assets the API reads at run time (seed CSV files, SQL) into dist.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '../apps/api');
const pairs = [['src/reference/data', 'dist/reference/data']];
for (const [from, to] of pairs) {
  const src = path.join(root, from);
  if (!fs.existsSync(src)) continue;
  fs.cpSync(src, path.join(root, to), { recursive: true });
}
