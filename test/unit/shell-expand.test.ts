import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sh } from '../helpers/shell.js';

const env = { A: 'alpha', SP: 'a  b', EMPTY: '', HOME: '/root' };

// [script, stdout]
const cases: Array<[string, string]> = [
  ['echo $A ${A} "$A" \'$A\'', 'alpha alpha alpha $A\n'],
  ['echo ${NOPE:-def} ${EMPTY:-e} ${EMPTY-e} ${A:+set} ${NOPE:+set}.', 'def e set .\n'],
  ['echo ${X:=assigned}; echo $X', 'assigned\nassigned\n'],
  ['echo ${#A} ${#NOPE}', '5 0\n'],
  ['F=dir/sub/file.tar.gz; echo ${F#*/} ${F##*/} ${F%.*} ${F%%.*}', 'sub/file.tar.gz file.tar.gz dir/sub/file.tar dir/sub/file\n'],
  ['echo $SP; echo "$SP"', 'a b\na  b\n'],
  ['for w in $SP; do echo "[$w]"; done', '[a]\n[b]\n'],
  ['for w in "$SP"; do echo "[$w]"; done', '[a  b]\n'],
  ['for w in $EMPTY; do echo x; done; echo done', 'done\n'],
  ['printf "[%s]" "" $EMPTY "$EMPTY"; echo', '[][]\n'],
  ['echo "a\\"b" \'a"b\' a\\ b a\\$A "\\$A" "a\\nb"', 'a"b a"b a b a$A $A a\\nb\n'],
  ['echo "line\ncont"', 'line\ncont\n'],
  ['echo abc\\\ndef', 'abcdef\n'],
  ['echo $(echo hi) "$(echo a; echo b)" `echo bq`', 'hi a\nb bq\n'],
  ['echo "$(echo "nested $(echo deep)")"', 'nested deep\n'],
  ['X=$(printf "a\\n\\n\\n"); echo "[$X]"', '[a]\n'],
  ['echo $((1 + 2 * 3)) $(( (1+2) * 3 )) $((7 / 2)) $((7 % 3)) $((2 ** 10)) $((-5 + 2))', '7 9 3 1 1024 -3\n'],
  ['i=5; echo $((i * 2)) $(($i + 1)) $((i > 3 && i < 10)) $((i == 5 ? 10 : 20))', '10 6 1 10\n'],
  ['i=0; : $((i += 3)); echo $i; echo $((0x10 + 010))', '3\n24\n'],
  ['echo $$ $#', '1 0\n'],
  ['false; echo $?; true; echo $?', '1\n0\n'],
  ['echo ~ ~/x "~"', '/root /root/x ~\n'],
  ['X=1 Y=2; echo $X$Y', '12\n'],
  ['echo $A_x ${A}_x', 'alpha_x\n'],
  ['echo a$NOPE"b"', 'ab\n'],
  ['echo "$" $ "a$"', '$ $ a$\n'],
  ['echo /etc/*.conf /etc/n*', '/etc/a.conf /etc/b.conf /etc/n*\n'],
  ['echo "/etc/*.conf"', '/etc/*.conf\n'],
  ['IFS=:; P=a:b:c; for x in $P; do echo $x; done', 'a\nb\nc\n'],
];

test('expansion and quoting', async () => {
  for (const [script, out] of cases) {
    const r = await sh(script, { env, files: { '/etc/a.conf': '', '/etc/b.conf': '', '/etc/hosts': '' } });
    assert.equal(r.out, out, script);
    assert.equal(r.err, '', script);
  }
});

test('positional parameters: sh -c script $0 $1...', async () => {
  const cases: Array<[string, string[], string]> = [
    ['echo $0 $1 $2 $#', ['name', 'a', 'b'], 'name a b 2\n'],
    ['for a in "$@"; do echo "[$a]"; done', ['sh', 'x y', 'z'], '[x y]\n[z]\n'],
    ['for a in "$*"; do echo "[$a]"; done', ['sh', 'x y', 'z'], '[x y z]\n'],
    ['for a; do echo "[$a]"; done', ['sh', '1', '2'], '[1]\n[2]\n'],
    ['shift; echo $1 $#', ['sh', '1', '2', '3'], '2 2\n'],
    ['set -- p q; echo $2 $#', [], 'q 2\n'],
    ['echo ${10}', ['sh', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'ten'], 'ten\n'],
  ];
  for (const [script, args, out] of cases) {
    assert.equal((await sh(script, { args })).out, out, script);
  }
});

test('expansion errors end the script with status 2', async () => {
  const cases: Array<[string, string]> = [
    ['echo ${NOPE:?}; echo after', 'sh: NOPE: parameter not set or null\n'],
    ['echo ${NOPE?}; echo after', 'sh: NOPE: parameter not set\n'],
    ['echo ${NOPE:?custom message}', 'sh: NOPE: custom message\n'],
    ['echo $((1/0)); echo after', 'sh: divide by zero\n'],
    ['echo $((1 +)); echo after', 'sh: arithmetic syntax error\n'],
    ['set -u; echo $NOPE; echo after', 'sh: NOPE: parameter not set\n'],
  ];
  for (const [script, err] of cases) {
    const r = await sh(script);
    assert.equal(r.err, err, script);
    assert.equal(r.out, '', script);
    assert.equal(r.code, 2, script);
  }
});
