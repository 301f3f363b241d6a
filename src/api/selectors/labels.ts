/**
 * Label selectors as k8s.io/apimachinery/pkg/labels: the string syntax ("app=web,tier in (a,b),!x"),
 * requirements, matching and printing. Error text is upstream's, word for word.
 */
import { type FieldError, Path, fieldErrorString, invalid, notSupported } from '../field-errors.js';
import { isQualifiedName, isValidLabelValue } from '../validation.js';

/** selection.Operator values. */
export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: requirements ANDed, sorted by key. `nothing` selects nothing (labels.Nothing()). */
export interface LabelSelectorExpr {
  requirements: Requirement[];
  nothing?: boolean;
}

export type Labels = Record<string, string> | undefined | null;

/** A selector that does not parse or a requirement that is not valid. */
export class SelectorError extends Error {}

const unaryOperators: Operator[] = ['exists', '!'];
const binaryOperators: Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validRequirementOperators: Operator[] = [...binaryOperators, ...unaryOperators];

export const everything = (): LabelSelectorExpr => ({ requirements: [] });
export const nothing = (): LabelSelectorExpr => ({ requirements: [], nothing: true });

/** Selector.Empty(): true when it does not restrict anything. */
export const isEmpty = (s: LabelSelectorExpr): boolean => !s.nothing && s.requirements.length === 0;

/** field.ErrorList.ToAggregate().Error(): messages deduplicated, one alone or "[a, b]". */
export function aggregateMessage(errs: FieldError[]): string {
  const msgs = [...new Set(errs.map((e) => (e.field ? fieldErrorString(e) : `: ${fieldErrorString(e)}`)))];
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}

const pathStr = (p: Path | undefined) => (p ? p.toString() : '<nil>');
const child = (p: Path | undefined, name: string) => (p ?? new Path()).child(name);

function validateLabelKey(k: string, p: string | Path): FieldError | undefined {
  const errs = isQualifiedName(k);
  return errs.length ? invalid(p, k, errs.join('; ')) : undefined;
}

function validateLabelValue(k: string, v: string, p: Path): FieldError | undefined {
  const errs = isValidLabelValue(v);
  return errs.length ? invalid(p.key(k), v, errs.join('; ')) : undefined;
}

const isInt = (s: string) => /^[+-]?\d+$/.test(s) && BigInt(s) <= 9223372036854775807n && BigInt(s) >= -9223372036854775808n;

/** labels.NewRequirement: validates and returns the requirement, or throws SelectorError. */
export function newRequirement(key: string, operator: Operator, values: string[], path?: Path): Requirement {
  const errs: FieldError[] = [];
  const ke = validateLabelKey(key, child(path, 'key'));
  if (ke) errs.push(ke);
  const valuePath = child(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!isInt(v)) errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(child(path, 'operator'), operator, validRequirementOperators));
  }
  values.forEach((v, i) => {
    const e = validateLabelValue(key, v, valuePath.index(i));
    if (e) errs.push(e);
  });
  if (errs.length) throw new SelectorError(aggregateMessage(errs));
  return { key, operator, values: [...values] };
}

const has = (ls: Labels, k: string): boolean => !!ls && Object.prototype.hasOwnProperty.call(ls, k);

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, ls: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(ls, r.key) && r.values.includes(ls![r.key]!);
    case 'notin':
    case '!=':
      return !has(ls, r.key) || !r.values.includes(ls![r.key]!);
    case 'exists':
      return has(ls, r.key);
    case '!':
      return !has(ls, r.key);
    case 'gt':
    case 'lt': {
      if (!has(ls, r.key)) return false;
      const lv = ls![r.key]!;
      if (!isInt(lv) || r.values.length !== 1 || !isInt(r.values[0]!)) return false;
      const a = BigInt(lv);
      const b = BigInt(r.values[0]!);
      return r.operator === 'gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** Selector.Matches: every requirement holds (a nothing-selector matches nothing). */
export function matches(sel: LabelSelectorExpr, ls: Labels): boolean {
  if (sel.nothing) return false;
  return sel.requirements.every((r) => requirementMatches(r, ls));
}

const sorted = (vs: string[]) => [...vs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Requirement.String. */
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? '!' : '';
  s += r.key;
  const opText: Partial<Record<Operator, string>> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<' };
  if (r.operator === 'exists' || r.operator === '!') return s;
  s += opText[r.operator] ?? '';
  const set = r.operator === 'in' || r.operator === 'notin';
  if (set) s += '(';
  s += r.values.length === 1 ? r.values[0] : sorted(r.values).join(',');
  if (set) s += ')';
  return s;
}

/** Selector.String: requirements joined by ','; "" for everything and nothing. */
export function toString(sel: LabelSelectorExpr): string {
  if (sel.nothing) return '';
  return sel.requirements.map(requirementString).join(',');
}

/** Selector.Add: a new selector with the requirements added, sorted by key. */
export function addRequirements(sel: LabelSelectorExpr, ...reqs: Requirement[]): LabelSelectorExpr {
  if (sel.nothing) return sel;
  return { requirements: sortByKey([...sel.requirements, ...reqs]) };
}

/** RequiresExactMatch: the single value the selector requires for `label`, if any. */
export function requiresExactMatch(sel: LabelSelectorExpr, label: string): string | undefined {
  if (sel.nothing) return undefined;
  const r = sel.requirements.find((x) => x.key === label);
  if (!r) return undefined;
  if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
  return undefined;
}

/** SelectorFromSet: key=value for each entry; an empty set selects everything. */
export function selectorFromSet(set: Labels): LabelSelectorExpr {
  const reqs = Object.entries(set ?? {}).map(([key, v]): Requirement => ({ key, operator: '=', values: [v] }));
  return { requirements: sortByKey(reqs) };
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

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
