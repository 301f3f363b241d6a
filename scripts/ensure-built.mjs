#!/usr/bin/env node
// Builds the kubemu command (dist/kubemu.cjs and its code cache) when it is missing or older than any source file, so
// `npm start` works on a fresh checkout and after edits.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const out = 'dist/kubemu.cjs';
const stale = !existsSync(out) || newest('src') > statSync(out).mtimeMs || statSync('package-lock.json').mtimeMs > statSync(out).mtimeMs;
if (stale) {
  process.stderr.write('kubemu: building dist/kubemu.cjs...\n');
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
