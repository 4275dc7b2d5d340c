import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const sharedSource = fileURLToPath(new URL('../../libs/shared/src/index.ts', import.meta.url));

/** The API the dev server forwards `/api` to (NestJS on :3000 unless told otherwise). */
const apiTarget = process.env.ZJ_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Bundle the shared TypeScript source directly, so the web app never depends on libs/shared/dist.
    alias: [{ find: /^@zj\/shared$/, replacement: sharedSource }],
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
