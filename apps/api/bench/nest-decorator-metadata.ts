/**
 * Lets a benchmark run under tsx boot the real Nest platform (createPlatform).
 *
 * tsx compiles TypeScript with esbuild, which emits no decorator metadata (`design:paramtypes`),
 * so Nest's injector cannot resolve constructor parameters. Imported first, this module hooks the
 * CommonJS loader so that the API's own sources (apps/api/src) are compiled with TypeScript's
 * `transpileModule` and the compiler options of tsconfig.base.json (experimentalDecorators,
 * emitDecoratorMetadata, useDefineForClassFields: false) instead, as ts-jest does for the tests and
 * tsc for apps/api/dist. Everything else (resolution of `@zj/shared`, other files) stays with tsx.
 *
 * Must be the first import of the benchmark, before anything that loads apps/api/src.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import ts from 'typescript';

type Loader = (module: NodeJS.Module & { _compile(code: string, filename: string): void }, filename: string) => void;

const API_SRC = path.resolve(__dirname, '../src') + path.sep;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
const viaTsx = extensions['.ts'];
if (!viaTsx) throw new Error('nest-decorator-metadata: run the benchmark with tsx (no .ts loader is registered)');

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  inlineSourceMap: true,
  inlineSources: true,
};

extensions['.ts'] = function (module, filename) {
  if (!filename.startsWith(API_SRC)) return viaTsx.call(this, module, filename);
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions });
  module._compile(outputText, filename);
};
