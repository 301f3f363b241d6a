/** cat, ls, touch, mkdir, rm against the container's files (busybox messages). */
import type { Fds, Shell } from '../interpreter.js';
import { readAll } from '../io.js';
import { dirName, resolvePath } from '../paths.js';
import { formatDate } from './system.js';
import { badOption, type Builtin, parseFlags } from './types.js';

const ENOENT = 'No such file or directory';

export const cat: Builtin = async (sh, argv, fds) => {
  const { rest, bad } = parseFlags(argv.slice(1), 'uvetAn');
  if (bad) return badOption(fds, 'cat', bad);
  const files = rest.length ? rest : ['-'];
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      for (let c = await fds.in.read(); c !== null; c = await fds.in.read()) fds.out(c);
      continue;
    }
    const p = resolvePath(sh.cwd, f);
    const data = sh.fs.read(p);
    if (data !== undefined) fds.out(data);
    else if (sh.fs.isDir(p)) {
      fds.err(`cat: read error: Is a directory\n`);
      status = 1;
    } else {
      fds.err(`cat: can't open '${f}': ${ENOENT}\n`);
      status = 1;
    }
  }
  return status;
};

function longLine(sh: Shell, path: string, name: string): string {
  const dir = sh.fs.isDir(path);
  const size = dir ? 4096 : (sh.fs.read(path) ?? '').length;
  const mode = dir ? 'drwxr-xr-x' : '-rw-r--r--';
  const links = dir ? 2 : 1;
  const when = formatDate(sh.ctx.clock.now(), '%b %e %H:%M');
  return `${mode} ${String(links).padStart(4)} root     root     ${String(size).padStart(9)} ${when} ${name}`;
}

/** ls [-1laAdFR]: one name per line (output is never a terminal here). */
export const ls: Builtin = (sh, argv, fds) => {
  const { flags, rest, bad } = parseFlags(argv.slice(1), '1laAdFhRrtS');
  if (bad) return badOption(fds, 'ls', bad);
  const long = flags.has('l');
  const fmt = (path: string, name: string): string => {
    const suffix = flags.has('F') && sh.fs.isDir(path) ? '/' : '';
    return (long ? longLine(sh, path, name) : name) + suffix;
  };
  const targets = rest.length ? rest : ['.'];
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const p = resolvePath(sh.cwd, t);
    if (!sh.fs.exists(p)) {
      fds.err(`ls: ${t}: ${ENOENT}\n`);
      status = 1;
    } else if (sh.fs.isDir(p) && !flags.has('d')) dirs.push(t);
    else files.push(t);
  }
  for (const f of files.sort()) fds.out(fmt(resolvePath(sh.cwd, f), f) + '\n');
  dirs.sort().forEach((d, i) => {
    const p = resolvePath(sh.cwd, d);
    if (targets.length > 1) fds.out(`${files.length || i > 0 ? '\n' : ''}${d}:\n`);
    let names = sh.fs.list(p) ?? [];
    if (!flags.has('a') && !flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
    names = names.sort();
    if (flags.has('a')) names = ['.', '..', ...names];
    if (flags.has('r')) names.reverse();
    if (long) fds.out(`total ${names.length}\n`);
    for (const n of names) fds.out(fmt(resolvePath(p, n), n) + '\n');
  });
  return status;
};

export const touch: Builtin = (sh, argv, fds) => {
  const { rest } = parseFlags(argv.slice(1), 'acm', 'dtr');
  let status = 0;
  for (const f of rest) {
    const p = resolvePath(sh.cwd, f);
    if (sh.fs.exists(p)) continue;
    if (!sh.fs.isDir(dirName(p))) {
      fds.err(`touch: ${f}: ${ENOENT}\n`);
      status = 1;
    } else sh.fs.write(p, '', true);
  }
  return status;
};

export const mkdir: Builtin = (sh, argv, fds) => {
  const { flags, rest, bad } = parseFlags(argv.slice(1), 'pv', 'm');
  if (bad) return badOption(fds, 'mkdir', bad);
  let status = 0;
  for (const d of rest) {
    const p = resolvePath(sh.cwd, d);
    const fail = (why: string): void => {
      fds.err(`mkdir: can't create directory '${d}': ${why}\n`);
      status = 1;
    };
    if (sh.fs.exists(p)) {
      if (!flags.has('p') || !sh.fs.isDir(p)) fail('File exists');
      continue;
    }
    if (!flags.has('p') && !sh.fs.isDir(dirName(p))) {
      fail(ENOENT);
      continue;
    }
    sh.fs.mkdir(p);
  }
  return status;
};

export const rm: Builtin = (sh, argv, fds) => {
  const { flags, rest, bad } = parseFlags(argv.slice(1), 'frRiv');
  if (bad) return badOption(fds, 'rm', bad);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  let status = 0;
  for (const f of rest) {
    const p = resolvePath(sh.cwd, f);
    if (!sh.fs.exists(p)) {
      if (!force) {
        fds.err(`rm: can't remove '${f}': ${ENOENT}\n`);
        status = 1;
      }
      continue;
    }
    if (sh.fs.isDir(p) && !recursive) {
      fds.err(`rm: '${f}' is a directory\n`);
      status = 1;
      continue;
    }
    sh.fs.remove(p);
  }
  return status;
};

/** Reads the named files (or stdin for none / "-"), reporting missing ones as `cmd: F: ...`. */
export async function readInputs(sh: Shell, cmd: string, files: string[], fds: Fds): Promise<{ inputs: Array<{ name: string; text: string }>; failed: boolean }> {
  const inputs: Array<{ name: string; text: string }> = [];
  let failed = false;
  for (const f of files.length ? files : ['-']) {
    if (f === '-') {
      inputs.push({ name: '(standard input)', text: await readAll(fds.in) });
      continue;
    }
    const p = resolvePath(sh.cwd, f);
    const text = sh.fs.read(p);
    if (text === undefined) {
      fds.err(`${cmd}: ${f}: ${sh.fs.isDir(p) ? 'Is a directory' : ENOENT}\n`);
      failed = true;
    } else inputs.push({ name: f, text });
  }
  return { inputs, failed };
}
