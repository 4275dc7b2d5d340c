import { ESLint } from 'eslint';
import * as path from 'node:path';
import tseslint from 'typescript-eslint';

// The boundary rules that `npm run lint` applies to apps/api/src and apps/web/src/features
// (eslint.config.mjs), run here on fixture modules whose faults are known.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundaries = require('../../scripts/lint/module-boundaries.cjs');

const root = path.resolve(__dirname, '../..');
const fixtures = 'tests/architecture/fixtures/boundaries';

async function lint(): Promise<Record<string, string[]>> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as never },
        plugins: { boundaries },
        rules: {
          'boundaries/public-face': ['error', { modules: fixtures, open: ['shared'] }],
          'boundaries/no-folder-cycle': ['error', { modules: fixtures }],
        },
      },
    ],
  });
  const results = await eslint.lintFiles([`${fixtures}/**/*.ts`]);
  return Object.fromEntries(
    results.map((r) => [path.relative(path.join(root, fixtures), r.filePath), r.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)]),
  );
}

describe('module boundaries (lint)', () => {
  let found: Record<string, string[]>;
  beforeAll(async () => {
    found = await lint();
  });

  it('fails an import that reaches inside another module, naming the face to use', () => {
    expect(found['billing/billing.service.ts']).toEqual(
      expect.arrayContaining([
        "1: boundaries/public-face: '../ledger/ledger-rules' reaches inside module 'ledger': import its public face '../ledger' (export what you need from ledger/index.ts).",
      ]),
    );
  });

  it('fails each import that closes a cycle between folders, naming the cycle', () => {
    expect(found['billing/billing.service.ts']).toContain(
      "1: boundaries/no-folder-cycle: Importing '../ledger/ledger-rules' closes a cycle between folders: billing → ledger → billing.",
    );
    expect(found['ledger/ledger.service.ts']).toEqual([
      "1: boundaries/no-folder-cycle: Importing '../billing' closes a cycle between folders: ledger → billing → ledger.",
    ]);
  });

  it('passes faces, files inside the own module, open folders and lazily loaded pages', () => {
    expect(found['reports/report-page.ts']).toEqual([]);
    expect(found['ledger/index.ts']).toEqual([]);
    expect(found['shared/round.ts']).toEqual([]);
  });
});
