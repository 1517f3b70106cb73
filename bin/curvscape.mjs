#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so Node runs the same sources as the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
