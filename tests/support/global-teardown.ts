export default async function globalTeardown() {
  const g = globalThis as unknown as { __zjTeardown?: () => Promise<void> };
  await g.__zjTeardown?.();
}
