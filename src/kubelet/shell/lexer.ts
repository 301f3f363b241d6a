/**
 * The tokenizer of the shell (busybox ash's xxreadtoken/readtoken1): operators, redirections and
 * words, with quoting, `$...` expansions and here-documents. `$(...)` and backquotes call back into
 * the parser for the nested script.
 */
import type { Node, Redir, RedirOp, Word, WordPart } from './ast.js';
import { ShellError } from './types.js';

export type Tok =
  | 'EOF' | 'NL' | 'REDIR' | 'WORD' | ';' | '&' | '&&' | '||' | '|' | '(' | ')' | ';;' | '`'
  | '!' | 'case' | 'do' | 'done' | 'elif' | 'else' | 'esac' | 'fi' | 'for' | 'if' | 'in' | 'then'
  | 'until' | 'while' | '{' | '}';

export const KEYWORDS = new Set<string>([
  '!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while', '{', '}',
]);

/** ash's tokname(): the first four are named, the rest quoted. */
export function tokName(t: Tok): string {
  switch (t) {
    case 'EOF': return 'end of file';
    case 'NL': return 'newline';
    case 'REDIR': return 'redirection';
    case 'WORD': return 'word';
    default: return `"${t}"`;
  }
}

export function syntaxError(msg: string): ShellError {
  return new ShellError(`syntax error: ${msg}`, 2, true);
}

const SPECIAL_PARAMS = '@*#?-$!';
const isNameStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isNameChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

/** Word-reading context: unquoted, inside "...", a here-document body, or an arithmetic body. */
type Mode = 'plain' | 'dq' | 'heredoc' | 'arith';

export class Lexer {
  pos = 0;
  line = 1;
  /** Set by a WORD token: its parts, and whether any part was quoted (then it is no keyword). */
  word: Word = [];
  quoted = false;
  /** Set by a REDIR token. */
  redir: Redir | undefined;
  private pendingHeredocs: Array<{ redir: Redir; delim: string; strip: boolean }> = [];

  constructor(
    readonly src: string,
    /** Parses a nested script up to `)` (for $(...)) and returns it. */
    private readonly parseNested: (src: string, pos: number, line: number) => { node: Node | null; pos: number },
  ) {}

  private peekc(o = 0): string {
    return this.src[this.pos + o] ?? '';
  }

  /** Reads the next raw token (no keyword recognition). */
  next(): Tok {
    for (;;) {
      const c = this.peekc();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.peekc(1) === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.peekc() !== '\n') this.pos++;
      } else break;
    }
    const c = this.peekc();
    if (c === '') return 'EOF';
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return 'NL';
    }
    const two = this.src.slice(this.pos, this.pos + 2);
    if (two === '&&' || two === '||' || two === ';;') {
      this.pos += 2;
      return two as Tok;
    }
    if (two === '&>') return this.readRedir(1);
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      this.pos++;
      return c as Tok;
    }
    if (c === '<' || c === '>') return this.readRedir(c === '<' ? 0 : 1);
    const m = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (m) {
      this.pos += m[0].length;
      return this.readRedir(Number(m[0]));
    }
    this.quoted = false;
    this.word = this.readWord('plain');
    return 'WORD';
  }

  private readRedir(fd: number): Tok {
    const ops: RedirOp[] = ['<<', '<>', '<&', '>>', '>|', '>&', '&>', '<', '>'];
    const op = ops.find((o) => this.src.startsWith(o, this.pos))!;
    this.pos += op.length;
    const redir: Redir = { fd, op, target: [] };
    if (op === '<<') {
      const strip = this.peekc() === '-';
      if (strip) this.pos++;
      this.pendingHeredocs.push({ redir, delim: '', strip });
    }
    this.redir = redir;
    return 'REDIR';
  }

  /** Called by the parser after reading a here-document's delimiter word. */
  setHeredocDelimiter(redir: Redir, word: Word): void {
    const h = this.pendingHeredocs.find((x) => x.redir === redir)!;
    h.delim = word.map((p) => (p.k === 'lit' ? p.v : p.k === 'param' ? '$' + p.name : '')).join('');
    redir.expand = !word.some((p) => p.q);
  }

  private readHeredocs(): void {
    for (const h of this.pendingHeredocs.splice(0)) {
      let body = '';
      for (;;) {
        if (this.pos >= this.src.length) break;
        const nl = this.src.indexOf('\n', this.pos);
        let l = this.src.slice(this.pos, nl < 0 ? undefined : nl);
        this.pos = nl < 0 ? this.src.length : nl + 1;
        this.line++;
        if (h.strip) l = l.replace(/^\t+/, '');
        if (l === h.delim) break;
        body += l + '\n';
      }
      if (!h.redir.expand) h.redir.target = [{ k: 'lit', v: body, q: true }];
      else {
        const sub = new Lexer(body, this.parseNested);
        h.redir.target = sub.readWord('heredoc');
      }
    }
  }

  /** Reads a word (or the body of a "..." / here-document / $((...))) into parts. */
  readWord(mode: Mode): Word {
    const parts: WordPart[] = [];
    const q = mode !== 'plain';
    let lit = '';
    let litQ = q;
    const push = (v: string, quoted: boolean): void => {
      if (lit !== '' && litQ !== quoted) flush();
      litQ = quoted;
      lit += v;
    };
    const flush = (): void => {
      if (lit !== '') parts.push({ k: 'lit', v: lit, q: litQ });
      lit = '';
    };
    for (;;) {
      const c = this.peekc();
      if (c === '') {
        if (mode === 'dq') throw syntaxError('unterminated quoted string');
        break;
      }
      if (mode === 'plain' && /[ \t\n;&|()<>]/.test(c)) break;
      if (mode === 'dq' && c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = this.peekc(1);
        this.pos += 2;
        if (n === '\n') {
          this.line++;
          continue;
        }
        if (n === '') {
          this.pos--;
          push('\\', q);
        } else if (mode === 'plain') {
          this.quoted = true;
          push(n, true);
        } else if ('$`\\'.includes(n) || (mode === 'dq' && n === '"')) push(n, true);
        else push('\\' + n, q);
        continue;
      }
      if (c === "'" && mode === 'plain') {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw syntaxError('unterminated quoted string');
        const s = this.src.slice(this.pos + 1, end);
        this.line += s.split('\n').length - 1;
        this.pos = end + 1;
        this.quoted = true;
        if (s === '') {
          flush();
          parts.push({ k: 'lit', v: '', q: true });
        } else push(s, true);
        continue;
      }
      if (c === '"' && mode === 'plain') {
        this.pos++;
        this.quoted = true;
        flush();
        const inner = this.readWord('dq');
        parts.push(...(inner.length ? inner : [{ k: 'lit' as const, v: '', q: true }]));
        continue;
      }
      if (c === '$') {
        const p = this.readDollar(q);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
        this.pos++;
        push('$', q);
        continue;
      }
      if (c === '`') {
        flush();
        parts.push({ k: 'cmd', body: this.readBackquote(), q });
        continue;
      }
      if (c === '\n') this.line++;
      this.pos++;
      push(c, q);
    }
    flush();
    return parts;
  }

  private readDollar(q: boolean): WordPart | undefined {
    const c1 = this.peekc(1);
    if (c1 === '(' && this.peekc(2) === '(') {
      const end = this.findArithEnd(this.pos + 3);
      if (end >= 0) {
        const sub = new Lexer(this.src.slice(this.pos + 3, end), this.parseNested);
        this.pos = end + 2;
        return { k: 'arith', expr: sub.readWord('arith'), q };
      }
    }
    if (c1 === '(') {
      const r = this.parseNested(this.src, this.pos + 2, this.line);
      this.pos = r.pos;
      return { k: 'cmd', body: r.node, q };
    }
    if (c1 === '{') return this.readBraced(q);
    if (isNameStart(c1)) {
      let i = this.pos + 1;
      while (isNameChar(this.src[i] ?? '')) i++;
      const name = this.src.slice(this.pos + 1, i);
      this.pos = i;
      return { k: 'param', name, q };
    }
    if (/[0-9]/.test(c1) || (c1 !== '' && SPECIAL_PARAMS.includes(c1))) {
      this.pos += 2;
      return { k: 'param', name: c1, q };
    }
    return undefined;
  }

  /** Index of the "))" closing a $(( started before `from`, or -1. */
  private findArithEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return this.src[i + 1] === ')' ? i : -1;
        depth--;
      }
    }
    throw syntaxError("missing '))'");
  }

  private readBraced(q: boolean): WordPart {
    this.pos += 2;
    let len = false;
    if (this.peekc() === '#' && this.peekc(1) !== '}' && !/[:=?+%-]/.test(this.peekc(1))) {
      len = true;
      this.pos++;
    }
    let name = '';
    if (isNameStart(this.peekc())) {
      while (isNameChar(this.peekc())) name += this.src[this.pos++];
    } else if (/[0-9]/.test(this.peekc())) {
      while (/[0-9]/.test(this.peekc())) name += this.src[this.pos++];
    } else if (this.peekc() !== '' && SPECIAL_PARAMS.includes(this.peekc())) name = this.src[this.pos++]!;
    if (name === '') throw syntaxError('bad substitution');
    if (len) {
      if (this.peekc() !== '}') throw syntaxError('bad substitution');
      this.pos++;
      return { k: 'param', name, op: 'len', q };
    }
    if (this.peekc() === '}') {
      this.pos++;
      return { k: 'param', name, q };
    }
    const op = ['##', '%%', ':-', ':=', ':+', ':?', '-', '=', '+', '?', '#', '%'].find((o) =>
      this.src.startsWith(o, this.pos),
    );
    if (!op) throw syntaxError('bad substitution');
    this.pos += op.length;
    const arg = this.readBracedArg();
    return { k: 'param', name, op, arg, q };
  }

  /** The word after ${name OP, up to the matching "}". */
  private readBracedArg(): Word {
    const start = this.pos;
    let depth = 0;
    let i = this.pos;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\') i++;
      else if (c === "'") {
        i = this.src.indexOf("'", i + 1);
        if (i < 0) break;
      } else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= this.src.length || i < 0) throw syntaxError("missing '}'");
    const sub = new Lexer(this.src.slice(start, i), this.parseNested);
    const parts: WordPart[] = [];
    while (sub.pos < sub.src.length) {
      const w = sub.readWord('plain');
      parts.push(...w);
      const c = sub.peekc();
      if (c !== '') {
        parts.push({ k: 'lit', v: c, q: false });
        sub.pos++;
      }
    }
    this.pos = i + 1;
    return parts;
  }

  private readBackquote(): Node | null {
    let i = this.pos + 1;
    let body = '';
    for (; i < this.src.length && this.src[i] !== '`'; i++) {
      if (this.src[i] === '\\' && '`$\\'.includes(this.src[i + 1] ?? '')) body += this.src[++i];
      else body += this.src[i];
    }
    if (i >= this.src.length) throw syntaxError('unterminated quoted string');
    this.pos = i + 1;
    return this.parseNested(body + ')', 0, this.line).node;
  }
}
