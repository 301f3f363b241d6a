/** sleep, date, env, printenv, hostname, whoami, id, uname, true, false. */
import { resolveCommand, runResolved } from '../command.js';
import type { Builtin } from './types.js';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** busybox sleep: N[smhd], fractional, several arguments add up; "inf"/"infinity" waits forever. */
export const sleep: Builtin = async (sh, argv, fds) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    fds.err('Usage: sleep [N]...\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    if (/^inf(inity)?$/i.test(a)) {
      total = Infinity;
      continue;
    }
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      fds.err(`sleep: invalid number '${a}'\n`);
      return 1;
    }
    total += Number(m[1]) * UNITS[m[2]!]!;
  }
  await sh.sleep(total * 1000);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** strftime for UTC with the common conversions. */
export function formatDate(ms: number, fmt: string): string {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return fmt.replace(/%([a-zA-Z%])/g, (all, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'I': return p2(((d.getUTCHours() + 11) % 12) + 1);
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'N': return String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'A': return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]!;
      case 'b':
      case 'h': return MONTHS[d.getUTCMonth()]!;
      case 'j': return String(Math.floor((ms - start) / 86400000) + 1).padStart(3, '0');
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return formatDate(ms, '%H:%M:%S');
      case 'D': return formatDate(ms, '%m/%d/%y');
      case 'F': return formatDate(ms, '%Y-%m-%d');
      case 'R': return formatDate(ms, '%H:%M');
      case 'c': return formatDate(ms, '%a %b %e %H:%M:%S %Y');
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return all;
    }
  });
}

/** date [-u] [-R] [-I[date|seconds]] [+FORMAT]: the clock's time, in UTC. */
export const date: Builtin = (sh, argv, fds) => {
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (const a of argv.slice(1)) {
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc') continue;
    else if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (a === '-I' || a === '-Idate') fmt = '%Y-%m-%d';
    else if (a === '-Iseconds') fmt = '%Y-%m-%dT%H:%M:%S+00:00';
    else {
      fds.err(`date: invalid date '${a}'\n`);
      return 1;
    }
  }
  fds.out(formatDate(sh.ctx.clock.now(), fmt) + '\n');
  return 0;
};

/** env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...] */
export const env: Builtin = async (sh, argv, fds) => {
  const args = argv.slice(1);
  let clear = false;
  const unsets: string[] = [];
  const sets: Array<[string, string]> = [];
  while (args.length) {
    const a = args[0]!;
    if (a === '-i' || a === '-') clear = true;
    else if (a === '-u') {
      args.shift();
      unsets.push(args[0] ?? '');
    } else if (/^[^=]+=/.test(a)) sets.push([a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
    else break;
    args.shift();
  }
  const child = sh.fork();
  if (clear) for (const [k, v] of child.vars) if (v.exported) child.vars.delete(k);
  for (const u of unsets) child.unset(u);
  for (const [k, v] of sets) child.set(k, v, true);
  if (args.length === 0) {
    for (const [k, v] of Object.entries(child.environ())) fds.out(`${k}=${v}\n`);
    return 0;
  }
  const r = resolveCommand(child, args[0]!);
  if (r.kind === 'missing') {
    fds.err(`env: can't execute '${args[0]}': No such file or directory\n`);
    return 127;
  }
  return runResolved(child, r, args, fds);
};

/** printenv [NAME]...: exit 1 when a name is not set. */
export const printenv: Builtin = (sh, argv, fds) => {
  const e = sh.environ();
  if (argv.length < 2) {
    for (const [k, v] of Object.entries(e)) fds.out(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of argv.slice(1)) {
    if (Object.hasOwn(e, n)) fds.out(e[n] + '\n');
    else status = 1;
  }
  return status;
};

export const hostname: Builtin = (sh, _argv, fds) => {
  fds.out(sh.ctx.hostname + '\n');
  return 0;
};

export const whoami: Builtin = (_sh, _argv, fds) => {
  fds.out('root\n');
  return 0;
};

/** id [-u|-g|-G] [-n]: always root. */
export const id: Builtin = (_sh, argv, fds) => {
  const o = argv.slice(1).join('');
  const name = o.includes('n');
  if (/[ugG]/.test(o)) fds.out((name ? 'root' : '0') + '\n');
  else fds.out('uid=0(root) gid=0(root) groups=0(root)\n');
  return 0;
};

export const uname: Builtin = (sh, argv, fds) => {
  const f = argv.slice(1).join('').replace(/-/g, '');
  const parts: string[] = [];
  const all = f.includes('a');
  if (all || f === '' || f.includes('s')) parts.push('Linux');
  if (all || f.includes('n')) parts.push(sh.ctx.hostname);
  if (all || f.includes('r')) parts.push('6.1.0');
  if (all || f.includes('v')) parts.push('#1 SMP');
  if (all || f.includes('m')) parts.push('x86_64');
  if (all || f.includes('o')) parts.push('GNU/Linux');
  fds.out(parts.join(' ') + '\n');
  return 0;
};

export const trueCmd: Builtin = () => 0;
export const falseCmd: Builtin = () => 1;
