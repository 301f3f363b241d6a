/**
 * Container image references as kubelet's parsers.ParseImageName reads them (docker distribution
 * reference grammar, normalized: "nginx" is docker.io/library/nginx, a missing tag is "latest").
 */

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const domain = `${host}(?::[0-9]+)?`;
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRe = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);

export interface ImageName {
  /** Fully qualified repository, such as docker.io/library/nginx. */
  repository: string;
  /** The tag; "latest" when neither a tag nor a digest is given. */
  tag: string;
  digest: string;
}

function splitDomain(s: string): [string, string] {
  const i = s.indexOf('/');
  const first = i === -1 ? '' : s.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    return ['docker.io', s.includes('/') ? s : `library/${s}`];
  }
  let d = first;
  let rest = s.slice(i + 1);
  if (d === 'index.docker.io') d = 'docker.io';
  if (d === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return [d, rest];
}

/** ParseImageName; undefined when the reference is invalid (an error upstream). */
export function parseImageName(image: string): ImageName | undefined {
  if (!image || /^[a-f0-9]{64}$/.test(image)) return undefined;
  const [d, remainder] = splitDomain(image);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) return undefined;
  const m = referenceRe.exec(`${d}/${remainder}`);
  if (!m || m[1]!.length > 255) return undefined;
  const t = m[2] ?? '';
  const dg = m[3] ?? '';
  return { repository: m[1]!, tag: !t && !dg ? 'latest' : t, digest: dg };
}

/** The imagePullPolicy a container gets when it sets none: Always for ":latest" (or no tag), else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageName(image ?? '')?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
