import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sh } from '../helpers/shell.js';

const files = {
  '/etc/hostname': 'web-0\n',
  '/etc/app.conf': 'port=80\nhost=example\n# comment\nPort=81\n',
  '/data/a.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n',
  '/data/.hidden': 'h',
  '/data/sub/x': 'x',
  '/empty/': '',
  '/root/': '',
};
const env = { FOO: 'bar', PATH: '/bin:/usr/bin' };

// [script, stdout, stderr, exit code]
const cases: Array<[string, string, string, number]> = [
  // echo (busybox: escapes only with -e)
  ['echo a  b', 'a b\n', '', 0],
  ['echo -n x; echo y', 'xy\n', '', 0],
  ['echo "a\\tb"', 'a\\tb\n', '', 0],
  ['echo -e "a\\tb\\n\\x41\\0101"', 'a\tb\nAA\n', '', 0],
  ['echo -e "stop\\cmore"; echo', 'stop\n', '', 0],
  ['echo -x -n', '-x -n\n', '', 0],
  ['echo', '\n', '', 0],
  // printf
  ['printf "%s|%d|%i|%x|%X|%o|%%\\n" s 42 -7 255 255 8', 's|42|-7|ff|FF|10|%\n', '', 0],
  ['printf "%s=%s\\n" a 1 b 2 c', 'a=1\nb=2\nc=\n', '', 0],
  ['printf "%5s|%-5s|%05d|%.2f|%c\\n" ab ab 42 3.14159 xyz', '   ab|ab   |00042|3.14|x\n', '', 0],
  ['printf "no newline"', 'no newline', '', 0],
  ['printf "%d\\n" abc', '0\n', "printf: invalid number 'abc'\n", 1],
  ['printf "%b\\n" "a\\nb"', 'a\nb\n', '', 0],
  // cat
  ['cat /etc/hostname', 'web-0\n', '', 0],
  ['cat /missing', '', "cat: can't open '/missing': No such file or directory\n", 1],
  ['cat /etc/hostname /missing /etc/hostname', 'web-0\nweb-0\n', "cat: can't open '/missing': No such file or directory\n", 1],
  ['echo piped | cat', 'piped\n', '', 0],
  ['echo in | cat /etc/hostname - /etc/hostname', 'web-0\nin\nweb-0\n', '', 0],
  ['cd /etc; cat hostname', 'web-0\n', '', 0],
  // ls
  ['ls /data', 'a.txt\nsub\n', '', 0],
  ['ls -a /data', '.\n..\n.hidden\na.txt\nsub\n', '', 0],
  ['ls -1 /data/sub', 'x\n', '', 0],
  ['ls /data/a.txt', '/data/a.txt\n', '', 0],
  ['ls /nope', '', 'ls: /nope: No such file or directory\n', 1],
  ['ls -l /data/sub', 'total 1\n-rw-r--r--    1 root     root             1 Jan  1 00:00 x\n', '', 0],
  ['ls /empty', '', '', 0],
  ['cd /data && ls', 'a.txt\nsub\n', '', 0],
  // pwd, cd
  ['pwd; cd /data/sub; pwd; cd ..; pwd; cd; pwd', '/\n/data/sub\n/data\n/root\n', '', 0],
  ['cd /nope; echo $?', '2\n', "sh: cd: line 1: can't cd to /nope: No such file or directory\n", 0],
  ['cd /etc/hostname', '', "sh: cd: line 1: can't cd to /etc/hostname: Not a directory\n", 2],
  ['(cd /data); pwd', '/\n', '', 0],
  // env, printenv, export
  ['env', 'FOO=bar\nPATH=/bin:/usr/bin\nHOME=/root\nPWD=/\n', '', 0],
  ['printenv FOO', 'bar\n', '', 0],
  ['printenv NOPE', '', '', 1],
  ['printenv FOO NOPE', 'bar\n', '', 1],
  ['X=1; printenv X; export X; printenv X', '1\n', '', 0],
  ['export Y=2; env | grep Y', 'Y=2\n', '', 0],
  ['Z=tmp printenv Z; printenv Z', 'tmp\n', '', 1],
  ['env Q=1 printenv Q', '1\n', '', 0],
  ['unset FOO; printenv FOO', '', '', 1],
  // hostname, whoami, id, date
  ['hostname', 'web-0\n', '', 0],
  ['whoami', 'root\n', '', 0],
  ['id; id -u; id -un', 'uid=0(root) gid=0(root) groups=0(root)\n0\nroot\n', '', 0],
  ['date', 'Mon Jan  1 00:00:00 UTC 2024\n', '', 0],
  ['date +%s; date -u "+%Y-%m-%dT%H:%M:%SZ"', '1704067200\n2024-01-01T00:00:00Z\n', '', 0],
  // test / [
  ['[ -f /etc/hostname ] && echo f', 'f\n', '', 0],
  ['[ -f /data ] || echo notfile', 'notfile\n', '', 0],
  ['[ -d /data ] && [ -e /data/a.txt ] && [ ! -e /nope ] && echo ok', 'ok\n', '', 0],
  ['[ -s /etc/hostname ] && [ ! -s /data/empty-none ] && echo s', 's\n', '', 0],
  ['[ -z "" ] && [ -n x ] && [ x ] && ! [ "" ] && echo str', 'str\n', '', 0],
  ['[ a = a ] && [ a != b ] && [ 1 -eq 1 ] && [ 1 -ne 2 ] && echo eq', 'eq\n', '', 0],
  ['[ 1 -lt 2 ] && [ 2 -le 2 ] && [ 3 -gt 2 ] && [ 3 -ge 3 ] && echo cmp', 'cmp\n', '', 0],
  ['[ 1 -eq 2 -o a = a ] && [ 1 -eq 1 -a ! a = b ] && echo logic', 'logic\n', '', 0],
  ['test -n "-f" && test "-f" = "-f" && echo tricky', 'tricky\n', '', 0],
  ['[ ]; echo $?; test; echo $?', '1\n1\n', '', 0],
  ['[ 1 -eq 1', '', 'sh: missing ]\n', 2],
  ['[ a -eq 1 ]', '', 'sh: a: bad number\n', 2],
  // true, false, exit
  ['true; echo $?; false; echo $?; :; echo $?', '0\n1\n0\n', '', 0],
  ['exit 3; echo no', '', '', 3],
  ['false; exit', '', '', 1],
  ['exit 256', '', '', 0],
  // touch, mkdir, rm
  ['touch /tmp/f 2>/dev/null; echo $?; mkdir /tmp; touch /tmp/f; [ -f /tmp/f ] && echo made', '1\nmade\n', '', 0],
  ['mkdir /a/b', '', "mkdir: can't create directory '/a/b': No such file or directory\n", 1],
  ['mkdir -p /a/b/c && [ -d /a/b ] && mkdir -p /a/b && echo ok', 'ok\n', '', 0],
  ['mkdir /data', '', "mkdir: can't create directory '/data': File exists\n", 1],
  ['rm /data/a.txt && [ ! -e /data/a.txt ] && echo gone', 'gone\n', '', 0],
  ['rm /nope', '', "rm: can't remove '/nope': No such file or directory\n", 1],
  ['rm -f /nope; echo $?', '0\n', '', 0],
  ['rm /data/sub', '', "rm: '/data/sub' is a directory\n", 1],
  ['rm -rf /data && ls /', 'empty\netc\nroot\n', '', 0],
  // grep
  ['grep port /etc/app.conf', 'port=80\n', '', 0],
  ['grep -i port /etc/app.conf', 'port=80\nPort=81\n', '', 0],
  ['grep -v = /etc/app.conf', '# comment\n', '', 0],
  ['grep -c = /etc/app.conf', '3\n', '', 0],
  ['grep -q host /etc/app.conf && echo yes', 'yes\n', '', 0],
  ['grep nothing /etc/app.conf; echo $?', '1\n', '', 0],
  ['grep "^p.*=[0-9]\\+$" /etc/app.conf', 'port=80\n', '', 0],
  ['grep -E "^(port|host)=" /etc/app.conf', 'port=80\nhost=example\n', '', 0],
  ['grep -n host /etc/app.conf', '2:host=example\n', '', 0],
  ['grep x /nope', '', 'grep: /nope: No such file or directory\n', 2],
  ['grep -F "a.b" /etc/app.conf; echo $?', '1\n', '', 0],
  ['printf "a\\nb\\na\\n" | grep a', 'a\na\n', '', 0],
  // wc, head, tail
  ['wc -l /data/a.txt', '12 /data/a.txt\n', '', 0],
  ['cat /data/a.txt | wc -l', '12\n', '', 0],
  ['echo "a b c" | wc -w', '3\n', '', 0],
  ['echo abc | wc -c', '4\n', '', 0],
  ['echo "a b" | wc', '      1       2       4\n', '', 0],
  ['head -n 2 /data/a.txt', 'one\ntwo\n', '', 0],
  ['head -3 /data/a.txt | tail -n 1', 'three\n', '', 0],
  ['head /data/a.txt | wc -l', '10\n', '', 0],
  ['tail -n 2 /data/a.txt', 'eleven\ntwelve\n', '', 0],
  ['tail /data/a.txt | head -n 1', 'three\n', '', 0],
  ['tail -n +11 /data/a.txt', 'eleven\ntwelve\n', '', 0],
  ['seq 100 | tail -n 1', '100\n', '', 0],
  // seq, expr, basename, dirname
  ['seq 3', '1\n2\n3\n', '', 0],
  ['seq 2 4; seq 10 -3 4', '2\n3\n4\n10\n7\n4\n', '', 0],
  ['seq -s , 3', '1,2,3\n', '', 0],
  ['expr 1 + 2; expr 7 / 2; expr 7 % 3; expr 3 \\* 4; expr 5 - 8', '3\n3\n1\n12\n-3\n', '', 0],
  ['expr 2 \\< 10; expr a = a; expr 1 = 2; echo $?', '1\n1\n0\n1\n', '', 0],
  ['expr length hello; expr hello : "h\\(.*\\)o"; expr abc : "a.*"', '5\nell\n3\n', '', 0],
  ['expr 1 / 0', '', 'expr: division by zero\n', 2],
  ['expr a + 1', '', 'expr: non-numeric argument\n', 2],
  ['i=1; i=$(expr $i + 1); echo $i', '2\n', '', 0],
  ['basename /a/b/c.txt; basename /a/b/c.txt .txt; basename /a/b/; basename /', 'c.txt\nc\nb\n/\n', '', 0],
  ['dirname /a/b/c; dirname a; dirname /a; dirname a/b/', '/a/b\n.\n/\na\n', '', 0],
  // sleep, kill, trap, wait, read
  ['sleep 0.5 && echo slept', 'slept\n', '', 0],
  ['sleep abc', '', "sleep: invalid number 'abc'\n", 1],
  ['trap "echo bye" EXIT TERM; kill -0 1; echo $?', '0\n', '', 0],
  ['sleep 2 & echo started; wait; echo waited', 'started\nwaited\n', '', 0],
  ['printf "k1 v1\\nk2 v2 more\\n" | while read k v; do echo "$k=$v"; done', 'k1=v1\nk2=v2 more\n', '', 0],
  ['read line < /etc/hostname; echo "[$line]"', '[web-0]\n', '', 0],
  ['eval "X=5; echo \\$X"', '5\n', '', 0],
  ['uname; uname -n', 'Linux\nweb-0\n', '', 0],
];

test('builtins and commands: output, errors and exit codes', async () => {
  const wrong: unknown[] = [];
  for (const [script, out, err, code] of cases) {
    const r = await sh(script, { files, env });
    const got = { out: r.out, err: r.err, code: r.code };
    try {
      assert.deepEqual(got, { out, err, code });
    } catch {
      wrong.push({ script, got, want: { out, err, code } });
    }
  }
  assert.deepEqual(wrong, []);
});

test('commands by path: /bin/X runs the builtin, a script file in the image runs, others are not found', async () => {
  const f = { '/usr/local/bin/hello': 'echo "hello $1"\nexit 7\n', '/opt/run.sh': '#!/bin/sh\necho run $# $0\n' };
  const cases: Array<[string, string, string, number]> = [
    ['/bin/echo hi; /usr/bin/true && echo t', 'hi\nt\n', '', 0],
    ['hello world', 'hello world\n', '', 7],
    ['/opt/run.sh a b', 'run 2 /opt/run.sh\n', '', 0],
    ['/opt/missing.sh', '', 'sh: /opt/missing.sh: not found\n', 127],
    ['/opt', '', 'sh: /opt: Permission denied\n', 126],
    ['nosuchcmd arg', '', 'sh: nosuchcmd: not found\n', 127],
    ['nosuchcmd 2>/dev/null; echo $?', '127\n', '', 0],
  ];
  for (const [script, out, err, code] of cases) {
    const r = await sh(script, { files: f });
    assert.deepEqual({ out: r.out, err: r.err, code: r.code }, { out, err, code }, script);
  }
});
