// Serves the built app and runs the browser specs with Node's test runner.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rootDir = join(here, '..');
// CURVSCAPE_DIST lets parallel checkouts test their own build (vite build --outDir DIR).
const distDir = process.env.CURVSCAPE_DIST ?? join(rootDir, 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} is missing: run \`vite build\` first (npm run test:e2e does).`);
  process.exit(1);
}
mkdirSync(join(rootDir, 'test-results'), { recursive: true });

const server = await serveDist(distDir);
console.log(`serving ${distDir} at ${server.url}`);
// Every spec in e2e/ unless some are named.
const allSpecs = readdirSync(here).filter((f) => f.endsWith('.spec.mjs')).sort().map((f) => join(here, f));
const specs = process.argv.slice(2).length ? process.argv.slice(2) : allSpecs;
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...specs], {
  stdio: 'inherit',
  env: { ...process.env, APP_URL: server.url },
  cwd: rootDir,
});
const code = await new Promise((ok) => child.on('exit', (c) => ok(c ?? 1)));
await server.close();
process.exit(code);
