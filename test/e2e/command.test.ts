/**
 * The built command as `npm start` runs it: scripts/bundle.mjs makes dist/kubemu.cjs and its V8 code
 * cache; bin/kubemu.js serves from them, keeps a cache V8 accepted, and writes a missing one when a
 * serving run exits cleanly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(repo, 'dist/kubemu.cjs');
const cache = `${bundle}.cache`;

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Start bin/kubemu.js, check it serves, stop it with SIGTERM; resolves with its exit code. */
async function serveOnce(dir: string): Promise<number | string> {
  const child = spawn(process.execPath, ['bin/kubemu.js', '--port', '0', '--data', ':memory:', '--kubeconfig', join(dir, 'kubeconfig')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /serving the Kubernetes API at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      exited.then((code) => reject(new Error(`kubemu exited (${code}):\n${out}`)));
    });
    assert.match(readFileSync(join(dir, 'kubeconfig'), 'utf8'), new RegExp(`server: ${url}`));
    for (;;) {
      const r = await get(`${url}/readyz`);
      if (r.status === 200 && r.body === 'ok') break;
    }
    const v = await get(`${url}/version`);
    assert.equal(JSON.parse(v.body).minor, '32');
    const nodes = JSON.parse((await get(`${url}/api/v1/nodes`)).body);
    assert.equal(nodes.items.length, 3, "the control-plane node and two workers");
  } finally {
    child.kill('SIGTERM');
  }
  return exited;
}

test('the bundled command builds, serves, and keeps its code cache', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-command-'));
  try {
    const built = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: repo, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    assert.ok(existsSync(bundle) && existsSync(cache), 'the build makes the bundle and its code cache');

    const help = spawnSync(process.execPath, ['bin/kubemu.js', '--help'], { cwd: repo, encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kubemu \[flags\]/);
    const bad = spawnSync(process.execPath, ['bin/kubemu.js', '--port', 'x'], { cwd: repo, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'kubemu: --port must be a number >= 0, got "x"\n');

    // An accepted cache is left alone.
    const before = statSync(cache).mtimeMs;
    assert.equal(await serveOnce(dir), 0);
    assert.equal(statSync(cache).mtimeMs, before, 'V8 accepted the cache the build made');

    // A missing cache is written when a serving run exits cleanly (a --help run writes none).
    rmSync(cache);
    assert.equal(spawnSync(process.execPath, ['bin/kubemu.js', '--help'], { cwd: repo }).status, 0);
    assert.equal(existsSync(cache), false);
    assert.equal(await serveOnce(dir), 0);
    assert.ok(existsSync(cache), 'the cache is written again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
