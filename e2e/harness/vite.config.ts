/** Builds the test-only engine harness (e2e/harness/index.html) into the folder the spec names; never the app's dist. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { target: 'es2022', chunkSizeWarningLimit: 8000, emptyOutDir: true },
});
