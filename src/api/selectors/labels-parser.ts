/**
 * The label selector string parser, as k8s.io/apimachinery/pkg/labels (Lexer, Parser, Parse):
 * same tokens, same grammar, same error text.
 */
import { type Path, fieldErrorString } from '../field-errors.js';
import {
  type LabelSelectorExpr,
  type Operator,
  type Requirement,
  SelectorError,
  binaryOperators,
  newRequirement,
  pathStr,
  sortByKey,
  sorted,
  validateLabelKey,
} from './labels.js';

// ---- lexer ----

enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Record<string, Tok> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};
const tokenOf = (s: string): Tok | undefined => (Object.prototype.hasOwnProperty.call(string2token, s) ? string2token[s] : undefined);

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecialSymbol = (c: string) => '=!(),><'.includes(c) && c !== '';

class Lexer {
  pos = 0;
  constructor(private readonly s: string) {}
  read(): string {
    return this.pos < this.s.length ? this.s[this.pos++]! : '';
  }
  unread(): void {
    this.pos--;
  }
  private scanIDOrKeyword(): Item {
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buf += ch;
    }
    const t = tokenOf(buf);
    return { tok: t ?? Tok.Identifier, lit: buf };
  }
  private scanSpecialSymbol(): Item {
    let last: Item | undefined;
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (isSpecialSymbol(ch)) {
        buf += ch;
        const t = tokenOf(buf);
        if (t !== undefined) last = { tok: t, lit: buf };
        else if (last) {
          this.unread();
          break;
        }
      } else {
        this.unread();
        break;
      }
    }
    if (!last) return { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` };
    return last;
  }
  lex(): Item {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === '') return { tok: Tok.EndOfString, lit: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

// ---- parser ----

type Ctx = 'keyAndOperator' | 'values';

class Parser {
  private items: Item[] = [];
  private position = 0;
  constructor(
    private readonly l: Lexer,
    private readonly path: Path | undefined,
  ) {}

  private lookahead(ctx: Ctx): Item {
    const it = this.items[this.position]!;
    return ctx === 'values' && (it.tok === Tok.In || it.tok === Tok.NotIn) ? { tok: Tok.Identifier, lit: it.lit } : it;
  }
  private consume(ctx: Ctx): Item {
    const it = this.lookahead(ctx);
    this.position++;
    return it;
  }
  private scan(): void {
    for (;;) {
      const it = this.l.lex();
      this.items.push(it);
      if (it.tok === Tok.EndOfString) break;
    }
  }

  parse(): Requirement[] {
    this.scan();
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead('values');
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
          }
          reqs.push(r);
          const t = this.consume('values');
          if (t.tok === Tok.EndOfString) return reqs;
          if (t.tok === Tok.Comma) {
            const t2 = this.lookahead('values');
            if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist)
              throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
          } else throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
          break;
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, [], this.path);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, sorted([...values]), this.path);
  }

  private parseKeyAndInferOperator(): { key: string; operator?: Operator } {
    let operator: Operator | undefined;
    let it = this.consume('values');
    if (it.tok === Tok.DoesNotExist) {
      operator = '!';
      it = this.consume('values');
    }
    if (it.tok !== Tok.Identifier) throw new SelectorError(`found '${it.lit}', expected: identifier`);
    const ke = validateLabelKey(it.lit, pathStr(this.path));
    if (ke) throw new SelectorError(fieldErrorString(ke));
    const t = this.lookahead('values').tok;
    if ((t === Tok.EndOfString || t === Tok.Comma) && operator !== '!') operator = 'exists';
    return { key: it.lit, operator };
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume('keyAndOperator');
    const ops: Partial<Record<Tok, Operator>> = {
      [Tok.In]: 'in',
      [Tok.Equals]: '=',
      [Tok.DoubleEquals]: '==',
      [Tok.GreaterThan]: 'gt',
      [Tok.LessThan]: 'lt',
      [Tok.NotIn]: 'notin',
      [Tok.NotEquals]: '!=',
    };
    const op = ops[tok];
    if (!op) throw new SelectorError(`found '${lit}', expected: ${binaryOperators.join(', ')}`);
    return op;
  }

  private parseValues(): Set<string> {
    let it = this.consume('values');
    if (it.tok !== Tok.OpenPar) throw new SelectorError(`found '${it.lit}' expected: '('`);
    it = this.lookahead('values');
    switch (it.tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume('values').tok !== Tok.ClosedPar) throw new SelectorError(`found '${it.lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.consume('values');
        return new Set(['']);
      default:
        throw new SelectorError(`found '${it.lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume('values');
      if (tok === Tok.Identifier) {
        s.add(lit);
        const t2 = this.lookahead('values');
        if (t2.tok === Tok.Comma) continue;
        if (t2.tok === Tok.ClosedPar) return s;
        throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead('values').tok;
        if (t2 === Tok.ClosedPar) {
          s.add('');
          return s;
        }
        if (t2 === Tok.Comma) {
          this.consume('values');
          s.add('');
        }
      } else throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead('values').tok;
    if (t === Tok.EndOfString || t === Tok.Comma) return new Set(['']);
    const { tok, lit } = this.consume('values');
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: throws SelectorError with upstream's message on bad input. */
export function parseLabelSelector(s: string, path?: Path): LabelSelectorExpr {
  const reqs = new Parser(new Lexer(s), path).parse();
  return { requirements: sortByKey(reqs) };
}
