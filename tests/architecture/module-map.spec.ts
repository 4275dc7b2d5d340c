import { readFileSync } from 'node:fs';
import { MODULE_MAP_FILE, renderModuleMap } from './module-map';

describe('docs/MODULES.md', () => {
  it('matches the code (run `npm run docs:modules` after changing a face, a table owner or an import between modules)', () => {
    expect(readFileSync(MODULE_MAP_FILE, 'utf8')).toBe(renderModuleMap());
  });
});
