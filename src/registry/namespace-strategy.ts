/** Namespace create: the kubernetes finalizer, the metadata.name label, phase Active (upstream strategy). */
import { forbidden } from '../api/errors.js';
import type { KObject } from '../api/meta.js';

export function namespacePrepareForCreate(ns: KObject): void {
  const spec = (ns.spec ?? {}) as { finalizers?: string[] };
  if (!spec.finalizers?.includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
  ns.spec = spec;
  ns.status = { phase: 'Active' };
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
}

/** Keep the label on updates too. */
export function namespacePrepareForUpdate(ns: KObject): void {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
}

/** A namespace with spec.finalizers is not removed on delete: it turns Terminating. */
export function namespaceHoldDeletion(ns: KObject): boolean {
  const finalizers = ((ns.spec ?? {}) as { finalizers?: string[] }).finalizers ?? [];
  if (!finalizers.length) return false;
  ns.status = { ...((ns.status ?? {}) as object), phase: 'Terminating' };
  return true;
}

/** NamespaceLifecycle admission: namespaces the cluster cannot run without. */
export const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** NamespaceLifecycle admission on DELETE of a namespace: the immortal ones are Forbidden. */
export function admitNamespaceDelete(name: string): void {
  if (immortalNamespaces.has(name)) throw forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
}
