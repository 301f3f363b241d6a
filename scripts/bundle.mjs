#!/usr/bin/env node
// Bundles the kubemu command into one file (dist/kubemu.mjs): loading one file instead of hundreds of
// modules is most of what start-up costs. better-sqlite3 (a native addon) stays external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/kubemu.mjs',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __kubemuRequire } from 'node:module'; const require = __kubemuRequire(import.meta.url);" },
  logLevel: 'warning',
});
