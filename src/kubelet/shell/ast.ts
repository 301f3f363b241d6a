/** The syntax tree of a parsed script (shapes follow busybox ash's node types). */

/** One piece of a word. `q`: it came from inside quotes, so it is neither field-split nor globbed. */
export type WordPart =
  | { k: 'lit'; v: string; q: boolean }
  | {
      k: 'param';
      name: string;
      /** ':-' '-' ':=' '=' ':+' '+' ':?' '?' '#' '##' '%' '%%', or 'len' for ${#name}. */
      op?: string;
      arg?: Word;
      q: boolean;
    }
  | { k: 'cmd'; body: Node | null; q: boolean }
  | { k: 'arith'; expr: Word; q: boolean };

export type Word = WordPart[];

export type RedirOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<' | '&>';

export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
  /** For here-documents: whether the body undergoes expansion (delimiter unquoted). */
  expand?: boolean;
}

export type Node =
  | { t: 'cmd'; assigns: Array<{ name: string; value: Word }>; args: Word[]; redirs: Redir[]; line: number }
  | { t: 'pipe'; cmds: Node[] }
  | { t: 'and' | 'or' | 'seq'; a: Node; b: Node }
  | { t: 'not'; n: Node }
  | { t: 'bg'; n: Node }
  | { t: 'if'; cond: Node; then: Node; else: Node | null }
  | { t: 'loop'; until: boolean; cond: Node; body: Node }
  | { t: 'for'; v: string; words: Word[] | null; body: Node; line: number }
  | { t: 'case'; word: Word; items: Array<{ pats: Word[]; body: Node | null }> }
  | { t: 'sub'; n: Node; redirs: Redir[] }
  | { t: 'redir'; n: Node; redirs: Redir[] }
  | { t: 'func'; name: string; body: Node };

/** A literal word (for tests and synthesized commands). */
export function litWord(s: string): Word {
  return [{ k: 'lit', v: s, q: true }];
}
