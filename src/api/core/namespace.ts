/**
 * core/v1 Namespace: schema, defaults (pkg/apis/core/v1/defaults.go) and validation
 * (pkg/apis/core/validation: ValidateNamespace*, validateFinalizerName).
 */
import { z } from 'zod';
import { type FieldError, Path, invalid } from '../field-errors.js';
import { ObjectMeta, Time } from '../meta.js';
import { isQualifiedName, nameIsDNSLabel } from '../validation.js';
import { atomicList, mapList, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, NAMESPACE_PHASE } from './enums.js';

export const NamespaceCondition = named(
  'NamespaceCondition',
  z.object({
    type: str().describe('Type of namespace condition, such as NamespaceDeletionContentFailure.'),
    status: str().describe('True, False or Unknown.'),
    lastTransitionTime: opt(Time, 'When the condition last changed status.'),
    reason: opt(str(), 'A CamelCase reason for the last transition.'),
    message: opt(str(), 'A human readable explanation of the last transition.'),
  }),
  'One aspect of the state of a namespace, usually about its deletion.',
);

export const NamespaceSpec = named(
  'NamespaceSpec',
  z.object({
    finalizers: atomicList(str(), 'Values that must all be removed (through /finalize) before the namespace is deleted from storage.'),
  }),
  'The desired state of a namespace.',
);

export const NamespaceStatus = named(
  'NamespaceStatus',
  z.object({
    phase: opt(enumStr(NAMESPACE_PHASE), 'Active or Terminating.'),
    conditions: mapList(NamespaceCondition, 'The latest observations of the namespace state.', ['type'], {
      mergeKey: 'type',
      strategy: 'merge',
    }),
  }),
  'The observed state of a namespace.',
);

export const Namespace = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Namespace'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(NamespaceSpec, 'What the namespace should be.'),
    status: opt(NamespaceStatus, 'What the namespace is.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Namespace', description: 'A scope for names; most kinds live inside one.' });
export type NamespaceT = z.infer<typeof Namespace>;

export const namespaceNameValidator = nameIsDNSLabel;

/** The label every named namespace carries (v1.LabelMetadataName). */
export const LabelMetadataName = 'kubernetes.io/metadata.name';

/** SetDefaults_Namespace and SetDefaults_NamespaceStatus. */
export function defaultNamespace(ns: NamespaceT): void {
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata!.labels = { ...(ns.metadata!.labels ?? {}), [LabelMetadataName]: name };
  }
  ns.status ??= {};
  if (!ns.status.phase) ns.status.phase = 'Active';
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** validateFinalizerName: qualified name, and a bare name must be a standard finalizer. */
export function validateFinalizerName(name: string, p: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(p, name, m));
  if (name.split('/').length === 1 && !standardFinalizers.has(name))
    errs.push(invalid(p, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}

export function validateNamespace(ns: NamespaceT): FieldError[] {
  const p = new Path().child('spec', 'finalizers');
  return (ns.spec?.finalizers ?? []).flatMap((f) => validateFinalizerName(f, p));
}

/** ValidateNamespaceUpdate: only metadata rules (spec and status are kept by the strategy). */
export function validateNamespaceUpdate(_ns: NamespaceT, _old: NamespaceT): FieldError[] {
  return [];
}

export function validateNamespaceStatusUpdate(ns: NamespaceT, _old: NamespaceT): FieldError[] {
  const phase = ns.status?.phase ?? '';
  const p = new Path().child('status', 'Phase');
  if (!ns.metadata?.deletionTimestamp) {
    if (phase !== 'Active') return [invalid(p, phase, "may only be 'Active' if `deletionTimestamp` is empty")];
  } else if (phase !== 'Terminating') return [invalid(p, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
  return [];
}

/** ValidateNamespaceFinalizeUpdate (the /finalize subresource). */
export function validateNamespaceFinalizeUpdate(ns: NamespaceT, _old: NamespaceT): FieldError[] {
  const p = new Path().child('spec', 'finalizers');
  return (ns.spec?.finalizers ?? []).flatMap((f, i) => validateFinalizerName(f, p.index(i)));
}
