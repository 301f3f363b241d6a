#!/usr/bin/env node
// Builds the kubemu command: src/cli.ts bundled into one CommonJS file (dist/kubemu.cjs; loading one
// file instead of hundreds of modules is most of what start-up costs; better-sqlite3, a native addon,
// stays external), then V8's code cache for it (dist/kubemu.cjs.cache), made by starting the command
// once and stopping it: bin/kubemu.js saves what V8 compiled on the way. With the cache the command
// starts about 100 ms sooner (README, Performance).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = 'dist/kubemu.cjs';
await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: out,
  external: ['better-sqlite3'],
  // The one import.meta use (finding migrations/) gets this file's URL.
  define: { 'import.meta.url': '__kubemuFileUrl' },
  banner: { js: "const __kubemuFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
rmSync(`${out}.cache`, { force: true });
await makeCodeCache();

/** Start bin/kubemu.js on a throw-away cluster, wait until it is ready, stop it: it writes the cache as it exits. */
async function makeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-build-'));
  try {
    const child = spawn(process.execPath, ['bin/kubemu.js', '--port', '0', '--data', ':memory:', '--kubeconfig', join(dir, 'kubeconfig')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d) => (errors += d));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    const url = await new Promise((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d) => {
        text += d;
        const m = /serving the Kubernetes API at (http:\/\/\S+)/.exec(text);
        if (m) resolve(m[1]);
      });
      exited.then((code) => reject(new Error(`kubemu exited (${code}) while making the code cache:\n${text}${errors}`)));
    });
    for (const path of ['/readyz', '/api', '/apis', '/api/v1/namespaces']) await get(url + path);
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0 || !existsSync(`${out}.cache`)) throw new Error(`kubemu did not write ${out}.cache (exit ${code}):\n${errors}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}
