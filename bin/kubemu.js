#!/usr/bin/env node
// The kubemu command: runs the bundle (dist/kubemu.cjs; npm run build makes it) through V8's code cache
// (dist/kubemu.cjs.cache), so start-up skips compiling what it ran before. A missing or stale cache
// (another Node version) only costs time: it is rewritten when a command that served exits cleanly
// (best effort; dist/ may be read-only).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/kubemu.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  /* no cache yet */
}
let source;
try {
  source = readFileSync(file, 'utf8');
} catch {
  process.stderr.write(`kubemu: ${file} is missing: run \`npm run build\` (npm start builds it)\n`);
  process.exit(1);
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
if (await mod.exports.runMain()) {
  if (cachedData === undefined || script.cachedDataRejected)
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        /* best effort */
      }
    });
}
