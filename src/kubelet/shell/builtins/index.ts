/** The builtin command table. */
import { expr } from './expr.js';
import { cat, ls, mkdir, rm, touch } from './files.js';
import { grep, head, tail, wc } from './filters.js';
import * as s from './shell.js';
import * as sys from './system.js';
import { test } from './test.js';
import { basename, dirname, echo, printf, seq } from './text.js';
import type { Builtin } from './types.js';

export type { Builtin } from './types.js';

export const BUILTINS: Record<string, Builtin> = {
  ':': sys.trueCmd,
  true: sys.trueCmd,
  false: sys.falseCmd,
  exit: s.exit,
  cd: s.cd,
  pwd: s.pwd,
  export: s.exportCmd,
  readonly: s.assign,
  local: s.assign,
  unset: s.unset,
  set: s.set,
  shift: s.shift,
  break: s.breakCmd,
  continue: s.continueCmd,
  return: s.returnCmd,
  eval: s.evalCmd,
  '.': s.source,
  source: s.source,
  exec: s.exec,
  trap: s.trap,
  wait: s.wait,
  kill: s.kill,
  read: s.read,
  sleep: sys.sleep,
  date: sys.date,
  env: sys.env,
  printenv: sys.printenv,
  hostname: sys.hostname,
  whoami: sys.whoami,
  id: sys.id,
  uname: sys.uname,
  echo,
  printf,
  seq,
  basename,
  dirname,
  expr,
  test,
  '[': test,
  cat,
  ls,
  touch,
  mkdir,
  rm,
  grep,
  wc,
  head,
  tail,
};

/** POSIX special builtins: their errors end a non-interactive shell; assignments before them stay. */
export const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset', 'source']);
