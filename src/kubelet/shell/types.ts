/**
 * Public types of the container shell: the simulated container's files, its standard streams, and
 * the context a script runs in. The interpreter is a busybox-ash subset (see parser.ts).
 */
import type { Clock } from '../../util/clock.js';
import type { Input } from './io.js';

/** The container's files (image files, mounted volumes). Paths are absolute and normalized. */
export interface ShellFS {
  read(path: string): string | undefined;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Names (not paths) of the entries of a directory, or undefined when it is not one. */
  list(dir: string): string[] | undefined;
  write(path: string, data: string, append: boolean): void;
  /** Removes a file, or a directory with everything under it. */
  remove(path: string): boolean;
  mkdir(path: string): void;
}

export interface ShellIO {
  stdout(s: string): void;
  stderr(s: string): void;
  stdin?: string | AsyncIterable<string>;
}

/** What an external command (one the kubelet adds through ShellContext.commands) is given. */
export interface CommandIO {
  argv: string[];
  /** The exported environment of the command. */
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  fs: ShellFS;
  clock: Clock;
  signal: AbortSignal;
  stdin: Input;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Waits ms of the clock; rejects when the run is aborted. */
  sleep(ms: number): Promise<void>;
}

export type ShellCommand = (io: CommandIO) => number | Promise<number>;

export interface ShellContext {
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  fs: ShellFS;
  io: ShellIO;
  /** `sleep N` waits N seconds of this clock. */
  clock: Clock;
  /** Aborting (container killed) ends the run: sleeping stops, exit code 137. */
  signal?: AbortSignal;
  /** Extra commands (image entrypoints such as `nginx`), looked up by name or basename of a path. */
  commands?: Record<string, ShellCommand>;
  /** The value of `$$` (default 1: the container's main process). */
  pid?: number;
  /**
   * Loop iterations allowed without any clock wait in between (default 10000). A `while true` that
   * never sleeps stops there with an error instead of spinning forever; loops that sleep are unbounded.
   */
  maxSpinIterations?: number;
}

/** `exit N`, or the end of a subshell: unwinds to the nearest (sub)shell boundary. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** The run was aborted (container killed). */
export class AbortedSignal {
  readonly code = 137;
}

/** Writing to a pipe whose reader has gone (SIGPIPE): the writer stage dies with 141. */
export class BrokenPipe {
  readonly code = 141;
}

/** A shell error already reported on stderr (syntax error, bad redirection, ...): status `code`. */
export class ShellError {
  constructor(
    readonly message: string,
    readonly code = 2,
    /** Fatal errors (syntax) end a non-interactive shell; others only fail the command. */
    readonly fatal = false,
  ) {}
}
