import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The dashboard is plain TypeScript; the API serves the built files from dist/dashboard at `/`. */
export default defineConfig({
  root: resolve(__dirname),
  base: '/',
  build: {
    outDir: resolve(__dirname, '../../dist/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/v1': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
