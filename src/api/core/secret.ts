/**
 * core/v1 Secret: schema, defaults (type Opaque; stringData folded into data as the v1 conversion
 * does) and validation (pkg/apis/core/validation ValidateSecret*).
 */
import { z } from 'zod';
import { type FieldError, Path, forbidden, invalid, required, tooLong } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { deepEqual, nameIsDNSSubdomain, validateImmutable } from '../validation.js';
import { MaxSecretSize, base64DecodedLength, isConfigMapKey } from './configmap.js';
import { bool, opt, str, strMap } from './pod-schema-helpers.js';

export const Secret = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Secret'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    immutable: opt(bool(), 'When true, data can no longer be changed (only the whole object deleted).'),
    data: opt(strMap(), 'Secret values by key, base64-encoded. Keys: alphanumerics, "-", "_" or ".".'),
    stringData: opt(strMap(), 'Write-only plain-text values, merged into data on write (winning over data) and never returned.'),
    type: opt(str(), 'How the data is used, e.g. Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Secret', description: 'Sensitive data such as passwords, tokens or keys.' });
export type SecretT = z.infer<typeof Secret>;

export const secretNameValidator = nameIsDNSSubdomain;

export const SecretTypeOpaque = 'Opaque';
export const SecretTypeServiceAccountToken = 'kubernetes.io/service-account-token';
export const SecretTypeDockercfg = 'kubernetes.io/dockercfg';
export const SecretTypeDockerConfigJSON = 'kubernetes.io/dockerconfigjson';
export const SecretTypeBasicAuth = 'kubernetes.io/basic-auth';
export const SecretTypeSSHAuth = 'kubernetes.io/ssh-auth';
export const SecretTypeTLS = 'kubernetes.io/tls';
export const ServiceAccountNameKey = 'kubernetes.io/service-account.name';

const toBase64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** SetDefaults_Secret plus the v1 conversion's stringData merge (stringData wins, then is dropped). */
export function defaultSecret(s: SecretT): void {
  if (s.stringData) {
    s.data ??= {};
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = toBase64(v);
    delete s.stringData;
  }
  if (!s.type) s.type = SecretTypeOpaque;
}

/** Go's json.Unmarshal into map[string]interface{}: the error text for the usual failures. */
function jsonObjectError(b64: string): string | undefined {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    const t = text.trim();
    if (t === '') return 'unexpected end of JSON input';
    return `invalid character '${t[0]}' looking for beginning of value`;
  }
  if (v === null || (typeof v === 'object' && !Array.isArray(v))) return undefined;
  const kind = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

export function validateSecret(s: SecretT): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = new Path().child('data');
  const data = s.data ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(dataPath.key(k), k, m));
    total += base64DecodedLength(v);
  }
  if (total > MaxSecretSize) errs.push(tooLong(dataPath, '', MaxSecretSize));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  switch (s.type ?? '') {
    case SecretTypeServiceAccountToken:
      if (!s.metadata?.annotations?.[ServiceAccountNameKey])
        errs.push(required(new Path().child('metadata', 'annotations').key(ServiceAccountNameKey)));
      break;
    case SecretTypeDockercfg:
    case SecretTypeDockerConfigJSON: {
      const key = s.type === SecretTypeDockercfg ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) {
        errs.push(required(dataPath.key(key)));
        break;
      }
      const e = jsonObjectError(data[key]!);
      if (e) errs.push(invalid(dataPath.key(key), '<secret contents redacted>', e));
      break;
    }
    case SecretTypeBasicAuth:
      if (!has('username') && !has('password')) {
        errs.push(required(dataPath.key('username')));
        errs.push(required(dataPath.key('password')));
      }
      break;
    case SecretTypeSSHAuth:
      if (base64DecodedLength(data['ssh-privatekey'] ?? '') === 0) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case SecretTypeTLS:
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt')));
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key')));
      break;
    default:
  }
  return errs;
}

export function validateSecretUpdate(s: SecretT, old: SecretT): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateImmutable(s.type ?? '', old.type ?? '', 'type'));
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!s.immutable) errs.push(forbidden('immutable', msg));
    if (!deepEqual(s.data ?? null, old.data ?? null)) errs.push(forbidden('data', msg));
  }
  errs.push(...validateSecret(s));
  return errs;
}
