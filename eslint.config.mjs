import js from '@eslint/js';
import tseslint from 'typescript-eslint';
// eslint-plugin-jsx-a11y 6.10.2 declares eslint up to ^9 as its peer; it uses none of the APIs that
// eslint 10 removed (context.getSourceCode, getScope …), so package.json's `overrides` lets it take this eslint.
import jsxA11y from 'eslint-plugin-jsx-a11y';
import boundaries from './scripts/lint/module-boundaries.cjs';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Accessibility of the web app's markup (labels, roles, keyboard access, alternatives).
    files: ['apps/web/src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    // antd's controls render these elements: checked as the elements they are.
    settings: { 'jsx-a11y': { components: { Button: 'button', Input: 'input', Image: 'img', Avatar: 'img' } } },
  },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='validateFields']",
          message: "Use validated(form) from lib/form-errors: validateFields() rejects when a rule fails, and an onOk handler leaves that rejection unhandled.",
        },
      ],
    },
  },
  {
    // Module boundaries (docs/ARCHITECTURE.md): another module is imported through its public face
    // (index.ts) only, and no import closes a cycle between module folders. `common` is the API's
    // shared kernel (errors, HTTP glue, clock, decimals): its files are open to every module.
    files: ['apps/api/src/**/*.ts'],
    plugins: { boundaries },
    rules: {
      'boundaries/public-face': ['error', { modules: 'apps/api/src', open: ['common'] }],
      'boundaries/no-folder-cycle': ['error', { modules: 'apps/api/src' }],
    },
  },
  {
    // The web's features import lib/, components/ and other features' public faces only.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    plugins: { boundaries },
    rules: {
      'boundaries/public-face': ['error', { modules: 'apps/web/src/features' }],
      'boundaries/no-folder-cycle': ['error', { modules: 'apps/web/src/features' }],
    },
  },
  {
    // lib/ and components/ sit below the features: they never import one.
    files: ['apps/web/src/lib/**', 'apps/web/src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '/features(/|$)', message: 'lib/ and components/ serve the features and never import one: move what both need into lib/ or components/.' }] }],
    },
  },
  {
    // A migration writes what it wrote the day it ran: it imports typeorm and its own frozen data
    // (migrations/data/), never live code or data files whose later edits would change it.
    files: ['apps/api/src/database/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!typeorm$|\\./)', message: 'A migration imports only typeorm and files of the migrations folder (its frozen copies in ./data/).' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/api/bench/**', 'scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
);
