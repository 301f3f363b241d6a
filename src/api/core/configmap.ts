/**
 * core/v1 ConfigMap: schema and validation (pkg/apis/core/validation ValidateConfigMap*,
 * k8s.io/apimachinery/pkg/util/validation IsConfigMapKey). ConfigMap has no defaults.
 */
import { z } from 'zod';
import { type FieldError, Path, forbidden, invalid, tooLong } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { deepEqual, nameIsDNSSubdomain } from '../validation.js';
import { bool, opt, str, strMap } from './pod-schema-helpers.js';

export const ConfigMap = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'ConfigMap'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    immutable: opt(bool(), 'When true, data and binaryData can no longer be changed (only the whole object deleted).'),
    data: opt(strMap(), 'UTF-8 configuration values by key. Keys: alphanumerics, "-", "_" or ".".'),
    binaryData: opt(strMap(), 'Binary values by key, base64-encoded. Keys may not repeat those of data.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.ConfigMap', description: 'Non-secret configuration data for pods to consume.' });
export type ConfigMapT = z.infer<typeof ConfigMap>;


export const configMapNameValidator = nameIsDNSSubdomain;

/** core.MaxSecretSize: the limit for a Secret's or a ConfigMap's total data. */
export const MaxSecretSize = 1 * 1024 * 1024;

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);

/** IsConfigMapKey: the key of a ConfigMap or Secret (a valid file name). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!configMapKeyRe.test(value))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** Byte length of a base64 value once decoded (Go's []byte length). */
export function base64DecodedLength(b64: string): number {
  const s = b64.replace(/[\r\n]/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

export function validateConfigMap(cm: ConfigMapT): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  for (const [k, v] of Object.entries(data)) {
    const p = new Path().child('data').key(k);
    for (const m of isConfigMapKey(k)) errs.push(invalid(p, k, m));
    if (Object.prototype.hasOwnProperty.call(binary, k)) errs.push(invalid(p, k, 'duplicate of key present in binaryData'));
    total += utf8Length(v);
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(new Path().child('binaryData').key(k), k, m));
    total += base64DecodedLength(v);
  }
  if (total > MaxSecretSize) errs.push(tooLong('', cm, MaxSecretSize));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMapT, old: ConfigMapT): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!cm.immutable) errs.push(forbidden('immutable', msg));
    if (!deepEqual(cm.data ?? null, old.data ?? null)) errs.push(forbidden('data', msg));
    if (!deepEqual(cm.binaryData ?? null, old.binaryData ?? null)) errs.push(forbidden('binaryData', msg));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}
