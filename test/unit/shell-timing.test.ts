import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execCommand, runShell } from '../../src/kubelet/shell/index.js';
import { advance, harness, settle, sh } from '../helpers/shell.js';

test('output streams as it is written: a countdown writes one line per clock second', async () => {
  const h = harness();
  let code: number | undefined;
  const p = runShell('for i in 9 8 7 6 5; do echo $i; sleep 1; done', h.ctx).then((c) => (code = c));
  await settle();
  assert.deepEqual(h.writes, [{ at: 0, fd: 1, s: '9\n' }]);
  await advance(h.clock, 999);
  assert.equal(h.out(), '9\n', 'nothing more before the second is up');
  await advance(h.clock, 1);
  assert.equal(h.out(), '9\n8\n');
  for (let i = 0; i < 3; i++) await advance(h.clock, 1000);
  assert.deepEqual(h.writes.map((w) => [w.at, w.s]), [[0, '9\n'], [1000, '8\n'], [2000, '7\n'], [3000, '6\n'], [4000, '5\n']]);
  assert.equal(code, undefined, 'still sleeping after the last echo');
  await advance(h.clock, 1000);
  await p;
  assert.equal(code, 0);
});

test('sleep takes fractional seconds and units on the context clock', async () => {
  const cases: Array<[string, number]> = [['sleep 0.5', 500], ['sleep 1.25', 1250], ['sleep 2s', 2000], ['sleep 1m', 60000], ['sleep 1 2', 3000]];
  for (const [script, ms] of cases) {
    const h = harness();
    let done = false;
    const p = runShell(`${script}; echo done`, h.ctx).then(() => (done = true));
    await advance(h.clock, ms - 1);
    assert.equal(done, false, script);
    await advance(h.clock, 1);
    await p;
    assert.equal(h.out(), 'done\n', script);
  }
});

test('aborting (container killed) stops a sleep and ends the run with 137', async () => {
  const ac = new AbortController();
  const h = harness({ signal: ac.signal });
  const p = runShell('echo start; while true; do sleep 1; echo tick; done', h.ctx);
  for (let i = 0; i < 3; i++) await advance(h.clock, 1000);
  ac.abort();
  assert.equal(await p, 137);
  assert.equal(h.out(), 'start\ntick\ntick\ntick\n');
  await advance(h.clock, 5000);
  assert.equal(h.out(), 'start\ntick\ntick\ntick\n', 'nothing runs after the abort');
  assert.equal(h.clock.pending(), 0, 'the sleep timer is cancelled');
});

test('sleep infinity waits until aborted; an already-aborted signal gives 137 at once', async () => {
  const ac = new AbortController();
  const h = harness({ signal: ac.signal });
  const p = runShell('sleep infinity', h.ctx);
  await advance(h.clock, 86_400_000);
  ac.abort();
  assert.equal(await p, 137);
  const pre = new AbortController();
  pre.abort();
  const h2 = harness({ signal: pre.signal });
  assert.equal(await runShell('echo never', h2.ctx), 137);
  assert.equal(h2.out(), '');
});

test('while true; do sleep 1; done runs on the clock until aborted', async () => {
  const ac = new AbortController();
  const h = harness({ signal: ac.signal, maxSpinIterations: 5 });
  const p = runShell('n=0; while true; do n=$((n+1)); echo $n; sleep 1; done', h.ctx);
  for (let i = 0; i < 20; i++) await advance(h.clock, 1000);
  ac.abort();
  assert.equal(await p, 137);
  assert.equal(h.out().trim().split('\n').length, 21, 'iterations are not capped when each one sleeps');
});

test('background jobs run alongside and are waited for', async () => {
  const h = harness();
  const p = runShell('(sleep 2; echo bg) & echo fg; wait; echo end', h.ctx);
  await advance(h.clock, 1000);
  assert.equal(h.out(), 'fg\n');
  await advance(h.clock, 1000);
  assert.equal(await p, 0);
  assert.equal(h.out(), 'fg\nbg\nend\n');
});

test('stdin: a string or an async iterable, read by cat, read and grep', async () => {
  const cases: Array<[string, string, string]> = [
    ['cat', 'hello\nworld\n', 'hello\nworld\n'],
    ['grep o', 'foo\nbar\n', 'foo\n'],
    ['read a; read b; echo "$b/$a"', 'x\ny\n', 'y/x\n'],
    ['wc -l', 'a\nb\nc\n', '3\n'],
  ];
  for (const [script, input, out] of cases) {
    assert.equal((await sh(script, { stdin: input })).out, out, script);
    async function* chunks(): AsyncIterable<string> {
      for (const c of input.match(/.{1,2}/gs) ?? []) yield c;
    }
    assert.equal((await sh(script, { stdin: chunks() })).out, out, `${script} (iterable)`);
  }
});

test('execCommand: sh -c and friends run scripts, other argv is one command', async () => {
  const env = { SECRET_VAR: 'hunter2' };
  const files = { '/mounted/secret/key': 'sup3r', '/app/start.sh': 'echo "started $1"' };
  const cases: Array<[string[], string, string, number]> = [
    [['sh', '-c', 'echo $SECRET_VAR'], 'hunter2\n', '', 0],
    [['/bin/sh', '-c', 'exit 3'], '', '', 3],
    [['bash', '-c', 'echo $0 $1', 'zero', 'one'], 'zero one\n', '', 0],
    [['/bin/bash', '-c', 'echo b'], 'b\n', '', 0],
    [['ash', '-c', 'echo a'], 'a\n', '', 0],
    [['sh', '/app/start.sh', 'now'], 'started now\n', '', 0],
    [['sh', '-c', 'foo'], '', 'sh: foo: not found\n', 127],
    [['cat', '/mounted/secret/key'], 'sup3r', '', 0],
    [['cat', '/missing'], '', "cat: can't open '/missing': No such file or directory\n", 1],
    [['echo', 'hi', '$SECRET_VAR'], 'hi $SECRET_VAR\n', '', 0],
    [['/bin/true'], '', '', 0],
    [['false'], '', '', 1],
    [['printenv', 'SECRET_VAR'], 'hunter2\n', '', 0],
    [['/app/start.sh', 'x'], 'started x\n', '', 0],
    [['nginx', '-g', 'daemon off;'], '', 'exec: "nginx": executable file not found in $PATH\n', 127],
  ];
  for (const [argv, out, err, code] of cases) {
    const h = harness({ env, files });
    const c = await execCommand(argv, h.ctx);
    assert.deepEqual({ out: h.out(), err: h.err(), code: c }, { out, err, code }, argv.join(' '));
  }
});

test('execCommand: sleep as the whole command, and extra commands from the context', async () => {
  const h = harness();
  let code: number | undefined;
  const p = execCommand(['sleep', '3600'], h.ctx).then((c) => (code = c));
  await advance(h.clock, 3_599_000);
  assert.equal(code, undefined);
  await advance(h.clock, 1000);
  await p;
  assert.equal(code, 0);
  const h2 = harness();
  h2.ctx.commands = { nginx: async (io) => (io.stdout(`nginx on ${io.hostname} ${io.argv.slice(1).join(' ')}\n`), 0) };
  assert.equal(await execCommand(['nginx', '-g', 'daemon off;'], h2.ctx), 0);
  assert.equal(await runShell('/usr/sbin/nginx -t && echo ok', h2.ctx), 0);
  assert.equal(h2.out(), 'nginx on web-0 -g daemon off;\nnginx on web-0 -t\nok\n');
});

test('the issue examples', async () => {
  const countdown = await sh('for i in 9 8 7 6 5; do echo $i; sleep 1; done');
  assert.deepEqual(countdown.h.writes.map((w) => [w.at, w.s]), [[0, '9\n'], [1000, '8\n'], [2000, '7\n'], [3000, '6\n'], [4000, '5\n']]);
  assert.equal((await sh('echo $SECRET_VAR', { env: { SECRET_VAR: 'value-1' } })).out, 'value-1\n');
  assert.equal((await sh('cat /mounted/secret/key', { files: { '/mounted/secret/key': 'k' } })).out, 'k');
  assert.equal((await sh('exit 3')).code, 3);
  const nf = await sh('foo');
  assert.deepEqual([nf.err, nf.code], ['sh: foo: not found\n', 127]);
});

test('head ends a pipeline early: the writer dies of a broken pipe (141) on its next write', async () => {
  const h = harness();
  const p = runShell('while true; do echo x; sleep 1; done | head -n 2; echo "after $?"', h.ctx);
  await advance(h.clock, 1000);
  await advance(h.clock, 1000);
  assert.equal(await p, 0);
  assert.equal(h.out(), 'x\nx\nafter 0\n');
});
