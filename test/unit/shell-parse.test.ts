import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from '../../src/kubelet/shell/index.js';
import { sh } from '../helpers/shell.js';

test('parses the node shapes of busybox ash', () => {
  const cases: Array<[string, unknown]> = [
    ['a; b', ['seq']],
    ['a && b || c', ['or']],
    ['! a | b', ['not']],
    ['a | b | c', ['pipe']],
    ['a &', ['bg']],
    ['if a; then b; elif c; then d; else e; fi', ['if']],
    ['while a; do b; done', ['loop']],
    ['until a; do b; done', ['loop']],
    ['for x in 1 2; do b; done', ['for']],
    ['for x; do b; done', ['for']],
    ['case x in a) b;; esac', ['case']],
    ['( a )', ['sub']],
    ['{ a; } > f', ['redir']],
    ['f() { a; }', ['func']],
    ['a\nb\n\nc', ['cmd', 'cmd', 'cmd']],
    ['# comment only', []],
    ['echo a # trailing', ['cmd']],
  ];
  for (const [src, types] of cases) {
    assert.deepEqual(parseScript(src).map((n) => n.t), types, src);
  }
});

test('keywords are only keywords in command position and unquoted', () => {
  const [n] = parseScript('echo if then fi "done"');
  assert.equal(n!.t, 'cmd');
  assert.equal((n as { args: unknown[] }).args.length, 5);
  const [loop] = parseScript('for i in do done; do echo $i; done');
  assert.equal((loop as { words: unknown[] }).words.length, 2);
});

test('assignments, redirections and here-documents', () => {
  const [n] = parseScript('A=1 B="x y" cmd arg >out 2>&1 <in C=3') as Array<{ assigns: Array<{ name: string }>; args: unknown[]; redirs: Array<{ fd: number; op: string }> }>;
  assert.deepEqual(n!.assigns.map((a) => a.name), ['A', 'B']);
  assert.equal(n!.args.length, 3); // cmd arg C=3
  assert.deepEqual(n!.redirs.map((r) => [r.fd, r.op]), [[1, '>'], [2, '>&'], [0, '<']]);
  const [h] = parseScript("cat <<'EOF'\n$X\nEOF\n") as Array<{ redirs: Array<{ target: Array<{ v: string }>; expand: boolean }> }>;
  assert.equal(h!.redirs[0]!.target[0]!.v, '$X\n');
  assert.equal(h!.redirs[0]!.expand, false);
});

// Messages as busybox ash prints them (shell/ash.c raise_error_unexpected_syntax, tokname).
const syntaxCases: Array<[string, string]> = [
  ['fi', 'unexpected "fi"'],
  ['done', 'unexpected "done"'],
  ['then', 'unexpected "then"'],
  ['echo )', 'unexpected ")"'],
  ['&& echo', 'unexpected "&&"'],
  ['echo a ;;', 'unexpected ";;"'],
  ['if true; then echo x', 'unexpected end of file (expecting "fi")'],
  ['if true; echo x; fi', 'unexpected "fi" (expecting "then")'],
  ['for i in 1 2; do echo $i', 'unexpected end of file (expecting "done")'],
  ['while true; echo', 'unexpected end of file (expecting "do")'],
  ['{ echo a', 'unexpected end of file (expecting "}")'],
  ['( echo a', 'unexpected end of file (expecting ")")'],
  ['if; then :; fi', 'unexpected ";"'],
  ['echo a |', 'unexpected end of file'],
  ["echo 'abc", 'unterminated quoted string'],
  ['echo "abc', 'unterminated quoted string'],
  ['for 1 in a; do :; done', 'bad for loop variable'],
  ['echo $(echo a', 'unexpected end of file (expecting ")")'],
];

test('syntax errors: message on stderr, status 2', async () => {
  for (const [src, msg] of syntaxCases) {
    const r = await sh(src);
    assert.equal(r.err, `sh: syntax error: ${msg}\n`, src);
    assert.equal(r.code, 2, src);
  }
});

test('a script runs line by line: earlier lines run before a later syntax error', async () => {
  const r = await sh('echo first\nfi\necho never');
  assert.equal(r.out, 'first\n');
  assert.equal(r.code, 2);
  const same = await sh('echo first; fi');
  assert.equal(same.out, '', 'an error in the same line stops it before it runs');
});
