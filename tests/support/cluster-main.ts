/**
 * `npm start`'s entry (apps/api/src/main.ts) under tsx, for a test that starts the real cluster:
 * the decorator-metadata hook first (tsx emits none; Nest's injector needs it), then main. The
 * cluster's API processes run this same file.
 */
import '../../apps/api/bench/nest-decorator-metadata';
import '../../apps/api/src/main';
