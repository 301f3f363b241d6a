/** Byte streams between commands: stdin readers, pipes with SIGPIPE semantics, captured output. */
import { BrokenPipe } from './types.js';

/** A readable stream of text chunks; read() resolves null at end of input. */
export interface Input {
  read(): Promise<string | null>;
  /** The reader is done (head -n 1 has its line): later writes into a pipe behind it break. */
  close(): void;
}

export type Writer = (s: string) => void;

export const emptyInput: Input = { read: async () => null, close: () => {} };

export function stringInput(s: string): Input {
  let done = s === '';
  return {
    read: async () => {
      if (done) return null;
      done = true;
      return s;
    },
    close: () => (done = true),
  };
}

export function iterableInput(it: AsyncIterable<string>): Input {
  const iter = it[Symbol.asyncIterator]();
  let closed = false;
  return {
    read: async () => {
      if (closed) return null;
      const r = await iter.next();
      if (r.done) return null;
      return String(r.value);
    },
    close: () => {
      closed = true;
      void iter.return?.();
    },
  };
}

/** A pipe: write() never blocks; read() waits for data or the writer's end. */
export class Pipe implements Input {
  private chunks: string[] = [];
  private ended = false;
  private readerClosed = false;
  private waiter: (() => void) | undefined;

  write = (s: string): void => {
    if (this.readerClosed) throw new BrokenPipe();
    if (s === '') return;
    this.chunks.push(s);
    this.wake();
  };
  end(): void {
    this.ended = true;
    this.wake();
  }
  close(): void {
    this.readerClosed = true;
    this.chunks = [];
  }
  async read(): Promise<string | null> {
    for (;;) {
      if (this.chunks.length) return this.chunks.splice(0).join('');
      if (this.ended || this.readerClosed) return null;
      await new Promise<void>((r) => (this.waiter = r));
    }
  }
  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}

export async function readAll(input: Input): Promise<string> {
  let out = '';
  for (let c = await input.read(); c !== null; c = await input.read()) out += c;
  return out;
}

/** Reads an Input line by line (lines keep no "\n"; a last line without one is returned too). */
export class LineReader {
  private buf = '';
  private eof = false;
  constructor(private readonly input: Input) {}
  async line(): Promise<string | null> {
    for (;;) {
      const i = this.buf.indexOf('\n');
      if (i >= 0) {
        const l = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        return l;
      }
      if (this.eof) {
        if (this.buf === '') return null;
        const l = this.buf;
        this.buf = '';
        return l;
      }
      const c = await this.input.read();
      if (c === null) this.eof = true;
      else this.buf += c;
    }
  }
}
