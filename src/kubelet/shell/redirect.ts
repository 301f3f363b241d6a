/** Redirections: > >> >| &> < <> <& >& << onto a command's standard streams, with ash's messages. */
import type { Redir } from './ast.js';
import { expandString } from './expand.js';
import type { Fds, Shell } from './interpreter.js';
import { safeWrite } from './interpreter.js';
import { emptyInput, stringInput, type Writer } from './io.js';
import { dirName, resolvePath } from './paths.js';

const discard: Writer = () => {};

/**
 * Applies redirections in order. Returns the new streams, or an exit status (2) after printing
 * ash's error when a file cannot be opened or created.
 */
export async function applyRedirs(sh: Shell, redirs: Redir[], fds: Fds): Promise<Fds | number> {
  let cur: Fds = fds;
  for (const r of redirs) {
    const target = await expandString(sh, r.target);
    const fail = (msg: string): number => {
      safeWrite(fds.err, `sh: ${msg}\n`);
      return 2;
    };
    if (r.op === '<<') {
      cur = { ...cur, in: stringInput(target) };
      continue;
    }
    if (r.op === '>&' || r.op === '<&') {
      if (target === '-') {
        cur = withFd(cur, r.fd, undefined);
        continue;
      }
      if (!/^\d+$/.test(target)) {
        if (r.op === '<&') return fail(`${target}: bad number`);
      } else {
        const src = Number(target);
        if (src > 2) return fail(`${src}: Bad file descriptor`);
        cur = withFd(cur, r.fd, src === 0 ? cur.in : src === 1 ? cur.out : cur.err);
        continue;
      }
    }
    if (r.op === '<' || r.op === '<>') {
      if (target === '/dev/null') {
        cur = withFd(cur, r.fd, emptyInput);
        continue;
      }
      const path = resolvePath(sh.cwd, target);
      const data = sh.fs.read(path);
      if (data === undefined) {
        if (sh.fs.isDir(path)) {
          cur = withFd(cur, r.fd, emptyInput);
          continue;
        }
        return fail(`can't open ${target}: no such file`);
      }
      cur = withFd(cur, r.fd, stringInput(data));
      continue;
    }
    // > >> >| &> and >& with a file name
    let w: Writer;
    if (target === '/dev/null') w = discard;
    else if (target === '/dev/stdout') w = cur.out;
    else if (target === '/dev/stderr') w = cur.err;
    else {
      const path = resolvePath(sh.cwd, target);
      if (sh.fs.isDir(path)) return fail(`can't create ${target}: Is a directory`);
      if (!sh.fs.isDir(dirName(path))) return fail(`can't create ${target}: nonexistent directory`);
      try {
        sh.fs.write(path, '', r.op === '>>');
      } catch (e) {
        // a read-only mount (configMap, secret, readOnly: true): the open fails with EROFS
        return fail(`can't create ${target}: ${(e as Error)?.message || 'Permission denied'}`);
      }
      w = (s) => sh.fs.write(path, s, true);
    }
    if (r.op === '&>' || (r.op === '>&' && r.fd === 1)) cur = { ...cur, out: w, err: w };
    else cur = withFd(cur, r.fd, w);
  }
  return cur;
}

function withFd(fds: Fds, fd: number, v: Fds['in'] | Writer | undefined): Fds {
  if (fd === 0) return { ...fds, in: (typeof v === 'object' ? v : undefined) ?? emptyInput };
  const w = typeof v === 'function' ? v : discard;
  if (fd === 1) return { ...fds, out: w };
  if (fd === 2) return { ...fds, err: w };
  return fds;
}
