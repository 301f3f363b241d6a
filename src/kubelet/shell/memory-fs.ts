/** A simple in-memory ShellFS: a map of file paths to contents plus a set of directories. */
import { normalizePath } from './paths.js';
import type { ShellFS } from './types.js';

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/**
 * files maps paths to contents; parent directories are implied. A key ending in "/" makes an
 * (empty) directory.
 */
export function memoryFS(files: Record<string, string> = {}): ShellFS {
  const data = new Map<string, string>();
  const dirs = new Set<string>(['/']);
  const addParents = (p: string): void => {
    for (let d = parentOf(p); !dirs.has(d); d = parentOf(d)) dirs.add(d);
  };
  for (const [k, v] of Object.entries(files)) {
    const p = normalizePath(k);
    if (k.endsWith('/')) {
      dirs.add(p);
      addParents(p);
    } else {
      data.set(p, v);
      addParents(p);
    }
  }
  const fs: ShellFS = {
    read: (path) => data.get(normalizePath(path)),
    exists: (path) => {
      const p = normalizePath(path);
      return data.has(p) || dirs.has(p);
    },
    isDir: (path) => dirs.has(normalizePath(path)),
    list: (dir) => {
      const d = normalizePath(dir);
      if (!dirs.has(d)) return undefined;
      const prefix = d === '/' ? '/' : d + '/';
      const names = new Set<string>();
      for (const p of [...data.keys(), ...dirs]) {
        if (p !== d && p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!);
      }
      return [...names].sort();
    },
    write: (path, s, append) => {
      const p = normalizePath(path);
      if (dirs.has(p)) throw new Error(`${p}: Is a directory`);
      if (!dirs.has(parentOf(p))) throw new Error(`${parentOf(p)}: No such file or directory`);
      data.set(p, append ? (data.get(p) ?? '') + s : s);
    },
    remove: (path) => {
      const p = normalizePath(path);
      if (data.delete(p)) return true;
      if (!dirs.has(p) || p === '/') return false;
      const prefix = p + '/';
      for (const k of [...data.keys()]) if (k.startsWith(prefix)) data.delete(k);
      for (const k of [...dirs]) if (k === p || k.startsWith(prefix)) dirs.delete(k);
      return true;
    },
    mkdir: (path) => {
      const p = normalizePath(path);
      if (data.has(p)) throw new Error(`${p}: File exists`);
      dirs.add(p);
      addParents(p);
    },
  };
  return fs;
}
