/**
 * Shell patterns (`*`, `?`, `[...]`, backslash-escaped literals) for case, ${x#pat} and pathname
 * expansion.
 */
import type { ShellFS } from './types.js';

/** Escapes a literal string so that it matches only itself as a pattern. */
export function escapePattern(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

export function hasGlobChars(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    if (pat[i] === '\\') i++;
    else if (pat[i] === '*' || pat[i] === '?' || pat[i] === '[') return true;
  }
  return false;
}

/** The regular expression source for a pattern (unanchored). */
export function patternSource(pat: string): string {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\' && i + 1 < pat.length) re += escapeRe(pat[++i]!);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = pat.slice(i + 1, end);
      const neg = body[0] === '!' || body[0] === '^';
      if (neg) body = body.slice(1);
      re += `[${neg ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return re;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function matchPattern(pat: string, s: string): boolean {
  return new RegExp(`^${patternSource(pat)}$`).test(s);
}

/** ${v#pat} (shortest prefix), ${v##pat} (longest), ${v%pat}, ${v%%pat}. */
export function trimPattern(v: string, pat: string, op: '#' | '##' | '%' | '%%'): string {
  const re = new RegExp(`^${patternSource(pat)}$`);
  if (op === '#' || op === '##') {
    const lens = [...Array(v.length + 1).keys()];
    if (op === '##') lens.reverse();
    for (const n of lens) if (re.test(v.slice(0, n))) return v.slice(n);
  } else {
    const starts = [...Array(v.length + 1).keys()];
    if (op === '%') starts.reverse();
    for (const n of starts) if (re.test(v.slice(n))) return v.slice(0, n);
  }
  return v;
}

/** Pathname expansion of one pattern against the filesystem: sorted matches, or [] for none. */
export function globPaths(pat: string, cwd: string, fs: ShellFS): string[] {
  const abs = pat.startsWith('/');
  const segs = pat.split('/').filter((s, i) => s !== '' || i === 0);
  let found: string[] = [abs ? '' : '.'];
  for (let i = abs ? 1 : 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const next: string[] = [];
    for (const base of found) {
      const dirPath = base === '' ? '/' : base === '.' ? cwd : base.startsWith('/') ? base : `${cwd}/${base}`;
      if (!hasGlobChars(seg)) {
        const lit = seg.replace(/\\(.)/g, '$1');
        const p = base === '.' ? lit : `${base}/${lit}`;
        if (fs.exists(p.startsWith('/') ? p : `${cwd}/${p}`)) next.push(p);
        continue;
      }
      const re = new RegExp(`^${patternSource(seg)}$`);
      for (const name of fs.list(dirPath) ?? []) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue;
        if (re.test(name)) next.push(base === '.' ? name : `${base}/${name}`);
      }
    }
    found = next;
  }
  return found.sort();
}
