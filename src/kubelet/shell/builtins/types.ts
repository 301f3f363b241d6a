import type { Fds, Shell } from '../interpreter.js';

/** A builtin: gets the shell (state), its argv (argv[0] is the name) and its streams. */
export type Builtin = (sh: Shell, argv: string[], fds: Fds) => number | Promise<number>;

/** Splits leading single-letter options (-abc) from operands; `--` ends options. */
export function parseFlags(args: string[], known: string, withValue = ''): {
  flags: Set<string>;
  values: Map<string, string>;
  rest: string[];
  bad?: string;
} {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-' || (/^-\d/.test(a) && !known.includes(a[1]!))) break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (withValue.includes(c)) {
        const v = a.slice(j + 1) || args[++i];
        if (v === undefined) return { flags, values, rest: [], bad: c };
        values.set(c, v);
        break;
      }
      if (!known.includes(c)) return { flags, values, rest: [], bad: c };
      flags.add(c);
    }
  }
  return { flags, values, rest: args.slice(i) };
}

/** busybox's message for an unknown option. */
export function badOption(fds: Fds, cmd: string, opt: string): number {
  fds.err(`${cmd}: unrecognized option: ${opt}\n`);
  return 1;
}
