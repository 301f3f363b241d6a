/**
 * The shell grammar, after busybox ash's parser (list/andor/pipeline/parse_command/simplecmd), with
 * its syntax error messages: `syntax error: unexpected "fi"`, `unexpected end of file (expecting
 * "done")`. A script is parsed one top-level line at a time, so earlier lines run before a later
 * syntax error is found, as in ash.
 */
import type { Node, Redir, Word } from './ast.js';
import { KEYWORDS, Lexer, type Tok, syntaxError, tokName } from './lexer.js';

/** Tokens that end a list (ash's tokendlist). */
const END_LIST = new Set<Tok>(['EOF', ')', ';;', '`', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'then', '}']);

const CHKNL = 1;
const CHKKWD = 2;

export class Parser {
  private readonly lx: Lexer;
  private checkkwd = 0;
  private pushback = false;
  private last: Tok = 'EOF';

  constructor(src: string, pos = 0, line = 1) {
    this.lx = new Lexer(src, (s, p, l) => Parser.parseNested(s, p, l));
    this.lx.pos = pos;
    this.lx.line = line;
  }

  get line(): number {
    return this.lx.line;
  }

  /** $( ... ): a list up to the matching ")". */
  static parseNested(src: string, pos: number, line: number): { node: Node | null; pos: number } {
    const p = new Parser(src, pos, line);
    p.checkkwd = CHKNL | CHKKWD;
    const node = p.list(0);
    if (p.readToken() !== ')') p.unexpected(')');
    return { node, pos: p.lx.pos };
  }

  /**
   * The next top-level command line: a list ended by a newline. Returns 'EOF' at the end of the
   * script, null for an empty line. Throws ShellError on a syntax error.
   */
  nextCommand(): Node | null | 'EOF' {
    this.pushback = false;
    this.checkkwd = 0;
    const n = this.list(1);
    if (n === null && this.last === 'EOF') return 'EOF';
    return n;
  }

  private readToken(): Tok {
    const kwd = this.checkkwd;
    this.checkkwd = 0;
    let t: Tok;
    if (this.pushback) {
      this.pushback = false;
      t = this.last;
    } else t = this.lx.next();
    if (kwd & CHKNL) while (t === 'NL') t = this.lx.next();
    if (t === 'WORD' && !this.lx.quoted && kwd & CHKKWD) {
      const w = this.lx.word;
      if (w.length === 1 && w[0]!.k === 'lit' && KEYWORDS.has(w[0]!.v)) t = w[0]!.v as Tok;
    }
    this.last = t;
    return t;
  }

  private peekToken(): Tok {
    const t = this.readToken();
    this.pushback = true;
    return t;
  }

  private unexpected(expecting?: Tok): never {
    let msg = `unexpected ${tokName(this.last)}`;
    if (expecting) msg += ` (expecting ${tokName(expecting)})`;
    throw syntaxError(msg);
  }

  /** ash's list(): nlflag 1 at top level (a newline ends it), 0 inside a compound command. */
  private list(nlflag: number): Node | null {
    let n1: Node | null = null;
    for (;;) {
      const pt = this.peekToken();
      if (pt === 'NL' && nlflag & 1) return n1;
      if (pt === 'EOF') return n1;
      this.checkkwd = CHKNL | CHKKWD;
      if (nlflag === 2 && END_LIST.has(this.peekToken())) return n1;
      nlflag |= 2;
      let n2 = this.andor();
      const tok = this.readToken();
      if (tok === '&') n2 = { t: 'bg', n: n2 };
      n1 = n1 ? { t: 'seq', a: n1, b: n2 } : n2;
      if (tok === 'NL' || tok === 'EOF') this.pushback = true;
      else if (tok !== '&' && tok !== ';') {
        if (nlflag & 1) this.unexpected();
        this.pushback = true;
        return n1;
      }
    }
  }

  private andor(): Node {
    let n1 = this.pipeline();
    for (;;) {
      const t = this.readToken();
      if (t !== '&&' && t !== '||') {
        this.pushback = true;
        return n1;
      }
      this.checkkwd = CHKNL | CHKKWD;
      const n2 = this.pipeline();
      n1 = { t: t === '&&' ? 'and' : 'or', a: n1, b: n2 };
    }
  }

  private pipeline(): Node {
    let negate = false;
    if (this.readToken() === '!') {
      negate = true;
      this.checkkwd = CHKKWD;
    } else this.pushback = true;
    let n1 = this.command();
    if (this.readToken() === '|') {
      const cmds = [n1];
      do {
        this.checkkwd = CHKNL | CHKKWD;
        cmds.push(this.command());
      } while (this.readToken() === '|');
      n1 = { t: 'pipe', cmds };
    }
    this.pushback = true;
    return negate ? { t: 'not', n: n1 } : n1;
  }

  private expect(t: Tok): void {
    if (this.readToken() !== t) this.unexpected(t);
  }

  private command(): Node {
    const line = this.lx.line;
    let n1: Node;
    let end: Tok | undefined;
    switch (this.readToken()) {
      case 'if': {
        const cond = this.list(0);
        this.expect('then');
        const first: Node & { t: 'if' } = { t: 'if', cond: cond!, then: this.list(0)!, else: null };
        let cur = first;
        while (this.readToken() === 'elif') {
          const c = this.list(0);
          this.expect('then');
          const nx: Node & { t: 'if' } = { t: 'if', cond: c!, then: this.list(0)!, else: null };
          cur.else = nx;
          cur = nx;
        }
        if (this.last === 'else') cur.else = this.list(0);
        else this.pushback = true;
        n1 = first;
        end = 'fi';
        break;
      }
      case 'while':
      case 'until': {
        const until = this.last === 'until';
        const cond = this.list(0);
        this.expect('do');
        n1 = { t: 'loop', until, cond: cond!, body: this.list(0)! };
        end = 'done';
        break;
      }
      case 'for': {
        if (this.readToken() !== 'WORD' || this.lx.quoted || !isSimpleName(this.lx.word)) {
          throw syntaxError('bad for loop variable');
        }
        const v = (this.lx.word[0] as { v: string }).v;
        let words: Word[] | null = null;
        this.checkkwd = CHKNL | CHKKWD;
        if (this.readToken() === 'in') {
          words = [];
          while (this.readToken() === 'WORD') words.push(this.lx.word);
          if (this.last !== 'NL' && this.last !== ';') this.unexpected();
        } else if (this.last !== ';') this.pushback = true;
        this.checkkwd = CHKNL | CHKKWD;
        this.expect('do');
        n1 = { t: 'for', v, words, body: this.list(0)!, line };
        end = 'done';
        break;
      }
      case 'case':
        return this.redirs(this.caseCommand());
      case '(':
        n1 = { t: 'sub', n: this.list(0)!, redirs: [] };
        end = ')';
        break;
      case '{':
        n1 = this.list(0)!;
        end = '}';
        break;
      case 'WORD':
      case 'REDIR':
        this.pushback = true;
        return this.simple();
      default:
        this.unexpected();
    }
    this.expect(end);
    return this.redirs(n1);
  }

  private caseCommand(): Node {
    if (this.readToken() !== 'WORD') this.unexpected('WORD');
    const word = this.lx.word;
    this.checkkwd = CHKNL | CHKKWD;
    this.expect('in');
    const items: Array<{ pats: Word[]; body: Node | null }> = [];
    this.checkkwd = CHKNL | CHKKWD;
    let t = this.readToken();
    while (t !== 'esac') {
      if (t === '(') t = this.readToken();
      const pats: Word[] = [];
      for (;;) {
        if (t !== 'WORD') this.unexpected('WORD');
        pats.push(this.lx.word);
        if (this.readToken() !== '|') break;
        t = this.readToken();
      }
      if (this.last !== ')') this.unexpected(')');
      items.push({ pats, body: this.list(2) });
      this.checkkwd = CHKNL | CHKKWD;
      t = this.readToken();
      if (t !== 'esac') {
        if (t !== ';;') this.unexpected(';;');
        this.checkkwd = CHKNL | CHKKWD;
        t = this.readToken();
      }
    }
    return { t: 'case', word, items };
  }

  /** Redirections after a compound command. */
  private redirs(n1: Node): Node {
    const redirs: Redir[] = [];
    this.checkkwd = CHKKWD;
    while (this.readToken() === 'REDIR') redirs.push(this.redirTarget());
    this.pushback = true;
    if (!redirs.length) return n1;
    if (n1.t === 'sub') {
      n1.redirs = redirs;
      return n1;
    }
    return { t: 'redir', n: n1, redirs };
  }

  private redirTarget(): Redir {
    const r = this.lx.redir!;
    if (this.readToken() !== 'WORD') this.unexpected();
    if (r.op === '<<') this.lx.setHeredocDelimiter(r, this.lx.word);
    else r.target = this.lx.word;
    return r;
  }

  private simple(): Node {
    const line = this.lx.line;
    const args: Word[] = [];
    const assigns: Array<{ name: string; value: Word }> = [];
    const redirs: Redir[] = [];
    let assignOk = true;
    for (;;) {
      const t = this.readToken();
      if (t === 'WORD') {
        const a = assignOk ? asAssignment(this.lx.word) : undefined;
        if (a) assigns.push(a);
        else {
          args.push(this.lx.word);
          assignOk = false;
        }
      } else if (t === 'REDIR') redirs.push(this.redirTarget());
      else if (t === '(' && args.length === 1 && !assigns.length && !redirs.length && isSimpleName(args[0]!)) {
        this.expect(')');
        this.checkkwd = CHKNL | CHKKWD;
        return { t: 'func', name: (args[0]![0] as { v: string }).v, body: this.command() };
      } else {
        this.pushback = true;
        break;
      }
    }
    return { t: 'cmd', assigns, args, redirs, line };
  }
}

function isSimpleName(w: Word): boolean {
  return w.length === 1 && w[0]!.k === 'lit' && !w[0]!.q && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w[0]!.v);
}

/** NAME=value as the leading unquoted part of a word. */
function asAssignment(w: Word): { name: string; value: Word } | undefined {
  const first = w[0];
  if (!first || first.k !== 'lit' || first.q) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return undefined;
  const rest = first.v.slice(m[0].length);
  return { name: m[1]!, value: [...(rest ? [{ ...first, v: rest }] : []), ...w.slice(1)] };
}

/** Parses a whole script (for tests and `eval`-like uses); throws ShellError on syntax errors. */
export function parseScript(src: string): Node[] {
  const p = new Parser(src);
  const out: Node[] = [];
  for (let n = p.nextCommand(); n !== 'EOF'; n = p.nextCommand()) if (n) out.push(n);
  return out;
}
