/** The environment variable holding a Jest worker's own database URL (set by global-setup.ts). */
export function workerEnvKey(name: 'DATABASE_URL' | 'QUEUE_DATABASE_URL', worker: number): string {
  return `ZJ_TEST_${name}_W${worker}`;
}
