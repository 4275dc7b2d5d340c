/**
 * docs/MODULES.md, drawn from the code: the API's modules with the tables each owns
 * (table-owners.ts), what each shows in its public face (index.ts) and which modules it uses, and
 * the same for the web's features. `npm run docs:modules` writes it; module-map.spec.ts fails when
 * the file no longer matches the code.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TABLE_OWNERS } from './table-owners';

// The lint plugin's graph of which module imports which: the drawing and the cycle rule read one definition.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { folderGraph } = require('../../scripts/lint/module-boundaries.cjs');

export const ROOT = path.resolve(__dirname, '../..');
export const MODULE_MAP_FILE = path.join(ROOT, 'docs/MODULES.md');
const API_MODULES = path.join(ROOT, 'apps/api/src');
const WEB_FEATURES = path.join(ROOT, 'apps/web/src/features');
/** Used by (nearly) every module: left out of the drawing, named under it. */
const EVERYWHERE = ['common', 'config'];

interface ModuleFacts {
  name: string;
  exports: string[];
  uses: string[];
}

/** Each module folder under `dir`: its face's exported names and the modules its (non-spec) files import. */
function modulesOf(dir: string): ModuleFacts[] {
  const graph: Map<string, Set<string>> = folderGraph(dir);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return names.map((name) => {
    const face = path.join(dir, name, 'index.ts');
    const exports = existsSync(face)
      ? [...readFileSync(face, 'utf8').matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) =>
          m[1]
            .split(',')
            .map((s) => s.trim().split(/\s+as\s+/).pop()!)
            .filter(Boolean),
        )
      : [];
    const uses = [...(graph.get(name) ?? [])].filter((u) => names.includes(u));
    return { name, exports: exports.sort(), uses: uses.sort() };
  });
}

const id = (name: string) => name.replace(/[^a-z0-9]/gi, '_');
const list = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : '—');

function drawing(modules: ModuleFacts[], leaveOut: string[]): string[] {
  const lines = ['```mermaid', 'flowchart LR'];
  for (const m of modules) if (!leaveOut.includes(m.name)) lines.push(`  ${id(m.name)}["${m.name}"]`);
  for (const m of modules) {
    if (leaveOut.includes(m.name)) continue;
    for (const u of m.uses) if (!leaveOut.includes(u)) lines.push(`  ${id(m.name)} --> ${id(u)}`);
  }
  lines.push('```');
  return lines;
}

export function renderModuleMap(): string {
  const api = modulesOf(API_MODULES);
  const web = modulesOf(WEB_FEATURES);
  const tablesOf = (name: string) =>
    Object.entries(TABLE_OWNERS)
      .filter(([, owner]) => owner === name)
      .map(([table]) => table)
      .sort();
  const out = [
    '# Module map',
    '',
    'Drawn from the code by `npm run docs:modules` (`tests/architecture/module-map.ts`); do not edit by',
    'hand: `tests/architecture/module-map.spec.ts` fails when this file no longer matches the code.',
    'The rules behind it are in [ARCHITECTURE.md](ARCHITECTURE.md#module-boundaries).',
    '',
    '## API modules (`apps/api/src`)',
    '',
    `An arrow reads "imports from". ${EVERYWHERE.map((m) => `\`${m}\``).join(' and ')} are used by nearly every module and left out of the drawing.`,
    '',
    ...drawing(api, EVERYWHERE),
    '',
    '| module | owns tables | public face (`index.ts`) | uses |',
    '|---|---|---|---|',
    ...api.map((m) => `| \`${m.name}\` | ${list(tablesOf(m.name))} | ${list(m.exports)} | ${list(m.uses)} |`),
    '',
    '## Web features (`apps/web/src/features`)',
    '',
    'Features use `lib/`, `components/` and other features\' faces; the router loads pages lazily by path.',
    '',
    ...drawing(web, []),
    '',
    '| feature | public face (`index.ts`) | uses |',
    '|---|---|---|',
    ...web.map((m) => `| \`${m.name}\` | ${list(m.exports)} | ${list(m.uses)} |`),
    '',
  ];
  return out.join('\n');
}

if (require.main === module) {
  writeFileSync(MODULE_MAP_FILE, renderModuleMap());
  console.log(`wrote ${path.relative(ROOT, MODULE_MAP_FILE)}`);
}
