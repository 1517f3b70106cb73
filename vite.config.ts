import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * main.tsx creates the compute worker and only then imports the app's chunk (src/render-app.tsx):
 * the page's head preloads that chunk and its styles, so they download and parse while the entry runs.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'curvscape-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const app = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/render-app.tsx'));
        if (!app || app.type !== 'chunk') return [];
        const css = [...(app.viteMetadata?.importedCss ?? [])].map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const }));
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${app.fileName}` }, injectTo: 'head' as const }, ...css];
      },
    },
  };
}

/**
 * Modules the 3-D view's worker runs (view3d/surface3d.worker.tsx and the scene it renders): fast
 * refresh's runtime sets properties on `window`, which a worker lacks, so in development it would stop
 * the worker and the view would fall back to the page's thread. The default exclusion stays.
 */
const NO_FAST_REFRESH = [/\/node_modules\//, /\/src\/view3d\/(SurfaceScene|surface3d\.worker)\.tsx$/];

export default defineConfig({
  plugins: [react({ refreshExclude: NO_FAST_REFRESH }), preloadAppChunk()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setup-fast-check.ts'],
    environment: 'node',
    testTimeout: 60000,
    pool: 'forks',
  },
});
