/**
 * Node selector matching as component-helpers/scheduling/corev1/nodeaffinity: the pod's nodeSelector
 * and required node affinity (RequiredNodeAffinity), and preferred terms (PreferredSchedulingTerms).
 * A term with a parse error never matches; an empty term matches nothing; terms are ORed, the
 * requirements inside a term ANDed; matchFields supports metadata.name with In/NotIn and one value.
 */
import { SelectorError, type LabelSelectorExpr, type Operator, addRequirements, everything, matches, newRequirement } from '../api/selectors/labels.js';
import type { NodeLike, NodeSelectorRequirementLike, NodeSelectorTermLike, PodLike } from './types.js';

const opMap: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

interface FieldReq {
  key: string;
  equal: boolean;
  value: string;
}

interface ParsedTerm {
  matchLabels?: LabelSelectorExpr;
  matchFields?: FieldReq[];
  parseErrs: string[];
}

function labelsSelector(reqs: NodeSelectorRequirementLike[], errs: string[]): LabelSelectorExpr | undefined {
  let sel = everything();
  const before = errs.length;
  for (const r of reqs) {
    const op = Object.prototype.hasOwnProperty.call(opMap, r.operator) ? opMap[r.operator] : undefined;
    if (!op) {
      errs.push(`Unsupported value: "${r.operator}"`);
      continue;
    }
    try {
      sel = addRequirements(sel, newRequirement(r.key, op, r.values ? [...r.values] : null));
    } catch (e) {
      if (e instanceof SelectorError) errs.push(e.message);
      else throw e;
    }
  }
  return errs.length > before ? undefined : sel;
}

function fieldsSelector(reqs: NodeSelectorRequirementLike[], errs: string[]): FieldReq[] | undefined {
  const out: FieldReq[] = [];
  const before = errs.length;
  for (const r of reqs) {
    if (r.operator !== 'In' && r.operator !== 'NotIn') {
      errs.push(`Unsupported value: "${r.operator}"`);
      continue;
    }
    if ((r.values ?? []).length !== 1) {
      errs.push('must have one element');
      continue;
    }
    out.push({ key: r.key, equal: r.operator === 'In', value: r.values![0]! });
  }
  return errs.length > before ? undefined : out;
}

export function parseNodeSelectorTerm(term: NodeSelectorTermLike): ParsedTerm {
  const t: ParsedTerm = { parseErrs: [] };
  if ((term.matchExpressions ?? []).length) t.matchLabels = labelsSelector(term.matchExpressions!, t.parseErrs);
  if ((term.matchFields ?? []).length) t.matchFields = fieldsSelector(term.matchFields!, t.parseErrs);
  return t;
}

const nodeFields = (node: NodeLike): Record<string, string> => ({ 'metadata.name': node.metadata.name ?? '' });

/** nodeSelectorTerm.match: [matched, has parse errors]. */
function termMatch(t: ParsedTerm, node: NodeLike): [boolean, boolean] {
  if (!t.matchLabels && !t.matchFields) return [false, false];
  if (t.matchLabels && !matches(t.matchLabels, node.metadata.labels ?? {})) return [false, false];
  if (t.matchFields) {
    const f = nodeFields(node);
    for (const r of t.matchFields) if ((f[r.key] ?? '') === r.value) { if (!r.equal) return [false, false]; } else if (r.equal) return [false, false];
  }
  return [true, t.parseErrs.length > 0];
}

/** nodeSelector.Match over terms: any term matching (and parsing cleanly) selects the node. */
export function nodeSelectorTermsMatch(terms: NodeSelectorTermLike[], node: NodeLike): boolean {
  for (const term of terms) {
    const parsed = parseNodeSelectorTerm(term);
    const [ok, hasErrs] = termMatch(parsed, node);
    if (hasErrs || parsed.parseErrs.length) continue;
    if (ok) return true;
  }
  return false;
}

/** RequiredNodeAffinity.Match: the pod's nodeSelector and required node affinity both hold. */
export function requiredNodeAffinityMatches(pod: PodLike, node: NodeLike): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) return nodeSelectorTermsMatch(req.nodeSelectorTerms ?? [], node);
  return true;
}

const isEmptyTerm = (t: NodeSelectorTermLike | undefined) => !t || ((t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0);

/** PreferredSchedulingTerms.Score: the sum of the weights of the preferred terms the node matches. */
export function preferredSchedulingScore(terms: Array<{ weight: number; preference: NodeSelectorTermLike }>, node: NodeLike): number {
  let score = 0;
  for (const t of terms) {
    if (t.weight === 0 || isEmptyTerm(t.preference)) continue;
    const parsed = parseNodeSelectorTerm(t.preference);
    if (parsed.parseErrs.length) continue;
    if (termMatch(parsed, node)[0]) score += t.weight;
  }
  return score;
}
