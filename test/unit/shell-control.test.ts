import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sh } from '../helpers/shell.js';

const files = { '/tmp/': '', '/in.txt': 'b\na\nc\n' };

// [script, stdout, stderr, exit code]
const cases: Array<[string, string, string, number]> = [
  // lists and exit statuses
  ['true && echo a || echo b', 'a\n', '', 0],
  ['false && echo a || echo b', 'b\n', '', 0],
  ['false || false; echo $?', '1\n', '', 0],
  ['! false && echo negated', 'negated\n', '', 0],
  ['false; ! false; echo $?', '0\n', '', 0],
  ['echo a; false', 'a\n', '', 1],
  ['nosuch || echo fallback', 'fallback\n', 'sh: nosuch: not found\n', 0],
  // if / loops / case / functions
  ['if false; then echo 1; elif true; then echo 2; else echo 3; fi', '2\n', '', 0],
  ['if false; then echo 1; fi; echo $?', '0\n', '', 0],
  ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3\n', '', 0],
  ['for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done', '1a\n', '', 0],
  ['n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo $n', '3\n', '', 0],
  ['n=3; until [ $n -eq 0 ]; do echo $n; n=$((n-1)); done', '3\n2\n1\n', '', 0],
  ['while true; do echo once; break; done', 'once\n', '', 0],
  ['for f in x.txt y.log; do case $f in *.txt) echo text;; *.log|*.out) echo log;; esac; done', 'text\nlog\n', '', 0],
  ['greet() { echo "hi $1"; }; greet bob; greet amy', 'hi bob\nhi amy\n', '', 0],
  ['f() { return 5; echo no; }; f; echo $?', '5\n', '', 0],
  // groups and subshells
  ['{ echo a; echo b; } | wc -l', '2\n', '', 0],
  ['X=1; (X=2; echo $X); echo $X', '2\n1\n', '', 0],
  ['(exit 3); echo $?', '3\n', '', 0],
  ['X=1; { X=2; }; echo $X', '2\n', '', 0],
  ['(echo sub; exit 1) && echo no || echo yes', 'sub\nyes\n', '', 0],
  // exit ends the whole script, from any depth
  ['for i in 1 2; do echo $i; exit 4; done; echo no', '1\n', '', 4],
  ['if true; then { exit 6; }; fi', '', '', 6],
  ['f() { exit 2; }; f; echo no', '', '', 2],
  // set -e and set -x
  ['set -e; false || true; if false; then :; fi; ! true; echo survived; false; echo no', 'survived\n', '', 1],
  ['set -e; nosuch; echo no', '', 'sh: nosuch: not found\n', 127],
  ['set -x; echo hi', 'hi\n', '+ echo hi\n', 0],
  // redirections
  ['echo one > /tmp/o; echo two > /tmp/o; cat /tmp/o', 'two\n', '', 0],
  ['echo one > /tmp/o; echo two >> /tmp/o; cat /tmp/o', 'one\ntwo\n', '', 0],
  ['>/tmp/empty; [ -f /tmp/empty ] && [ ! -s /tmp/empty ] && echo ok', 'ok\n', '', 0],
  ['cat < /in.txt | head -n 1', 'b\n', '', 0],
  ['wc -l < /in.txt', '3\n', '', 0],
  ['echo err >&2', '', 'err\n', 0],
  ['echo err 1>&2 2>/dev/null', '', 'err\n', 0],
  ['cat /missing 2>/dev/null; echo $?', '1\n', '', 0],
  ['cat /missing 2>&1 | grep -c open', '1\n', '', 0],
  ['cat /missing > /tmp/log 2>&1; cat /tmp/log', "cat: can't open '/missing': No such file or directory\n", '', 0],
  ['cat /missing 2>&1 > /tmp/log', "cat: can't open '/missing': No such file or directory\n", '', 1],
  ['{ echo out; echo err >&2; } > /tmp/both 2>&1; cat /tmp/both', 'out\nerr\n', '', 0],
  ['ls /nope 2> /tmp/e; cat /tmp/e', 'ls: /nope: No such file or directory\n', '', 0],
  ['for i in 1 2; do echo $i; done > /tmp/loop; cat /tmp/loop', '1\n2\n', '', 0],
  ['echo x > /nodir/f; echo $?', '2\n', "sh: can't create /nodir/f: nonexistent directory\n", 0],
  ['echo x > /tmp', '', "sh: can't create /tmp: Is a directory\n", 2],
  ['cat < /missing', '', "sh: can't open /missing: no such file\n", 2],
  ['echo hidden > /dev/null; echo shown > /dev/stdout', 'shown\n', '', 0],
  ['cat <<EOF\na $((1+1))\n\tb\nEOF', 'a 2\n\tb\n', '', 0],
  ['cat <<-EOF\n\tindented\n\tEOF', 'indented\n', '', 0],
  ["X=v; cat <<'EOF'\n$X\nEOF", '$X\n', '', 0],
  ['echo both &> /tmp/f; cat /tmp/f', 'both\n', '', 0],
  // pipes
  ['echo x | cat', 'x\n', '', 0],
  ['printf "3\\n1\\n2\\n" | grep -v 1 | wc -l', '2\n', '', 0],
  ['seq 10 | head -n 3', '1\n2\n3\n', '', 0],
  ['seq 5 | tail -n 2', '4\n5\n', '', 0],
  ['echo a | false; echo $?', '1\n', '', 0],
  ['false | true; echo $?', '0\n', '', 0],
  ['echo x | nosuch; echo $?', '127\n', 'sh: nosuch: not found\n', 0],
  ['X=1; echo 2 | read X; echo $X', '1\n', '', 0],
  ['cat /in.txt | while read l; do echo "<$l>"; done', '<b>\n<a>\n<c>\n', '', 0],
  ['echo $(echo inner | cat)', 'inner\n', '', 0],
  ['echo hi | exit 3; echo after $?', 'after 3\n', '', 0],
];

test('control flow, redirections and pipes', async () => {
  const wrong: unknown[] = [];
  for (const [script, out, err, code] of cases) {
    const r = await sh(script, { files });
    const got = { out: r.out, err: r.err, code: r.code };
    try {
      assert.deepEqual(got, { out, err, code });
    } catch {
      wrong.push({ script, got, want: { out, err, code } });
    }
  }
  assert.deepEqual(wrong, []);
});

test('a loop that never waits on the clock is stopped; one that sleeps is not', async () => {
  const spin = await sh('while true; do :; done; echo never', { maxSpinIterations: 1000 });
  assert.equal(spin.code, 124);
  assert.match(spin.err, /^sh: loop ran 1000 iterations without sleeping; stopped\n$/);
  assert.equal(spin.out, '');
  const counted = await sh('i=0; while [ $i -lt 900 ]; do i=$((i+1)); done; echo $i', { maxSpinIterations: 1000 });
  assert.equal(counted.out, '900\n');
  const sleeping = await sh('i=0; while true; do i=$((i+1)); [ $i -gt 1500 ] && break; sleep 0.001; done; echo $i', { maxSpinIterations: 1000 });
  assert.equal(sleeping.out, '1501\n');
});
