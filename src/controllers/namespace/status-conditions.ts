/**
 * Namespace deletion conditions (upstream pkg/controller/namespace/deletion/status_condition_utils.go):
 * the deleter's errors and what remains become the five conditions it maintains, each with an "ok"
 * variant (status False) when nothing went wrong.
 */
import { rfc3339 } from '../../util/clock.js';

export interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export const NamespaceDeletionDiscoveryFailure = 'NamespaceDeletionDiscoveryFailure';
export const NamespaceDeletionGVParsingFailure = 'NamespaceDeletionGroupVersionParsingFailure';
export const NamespaceDeletionContentFailure = 'NamespaceDeletionContentFailure';
export const NamespaceContentRemaining = 'NamespaceContentRemaining';
export const NamespaceFinalizersRemaining = 'NamespaceFinalizersRemaining';

/** The condition types the deleter maintains, in the order they are added. */
export const conditionTypes = [
  NamespaceDeletionDiscoveryFailure,
  NamespaceDeletionGVParsingFailure,
  NamespaceDeletionContentFailure,
  NamespaceContentRemaining,
  NamespaceFinalizersRemaining,
];

const okMessages: Record<string, string> = {
  [NamespaceDeletionDiscoveryFailure]: 'All resources successfully discovered',
  [NamespaceDeletionGVParsingFailure]: 'All legacy kube types successfully parsed',
  [NamespaceDeletionContentFailure]: 'All content successfully deleted, may be waiting on finalization',
  [NamespaceContentRemaining]: 'All content successfully removed',
  [NamespaceFinalizersRemaining]: 'All content-preserving finalizers finished',
};

const okReasons: Record<string, string> = {
  [NamespaceDeletionDiscoveryFailure]: 'ResourcesDiscovered',
  [NamespaceDeletionGVParsingFailure]: 'ParsedGroupVersions',
  [NamespaceDeletionContentFailure]: 'ContentDeleted',
  [NamespaceContentRemaining]: 'ContentRemoved',
  [NamespaceFinalizersRemaining]: 'ContentHasNoFinalizers',
};

/** What remains after a deletion pass: instances per resource ("resource.group") and per finalizer. */
export interface ContentTotals {
  /** Keyed by "resource.group" (the core group is empty: "pods."), as upstream prints a GroupVersionResource. */
  gvrToNumRemaining: Map<string, number>;
  finalizersToNumRemaining: Map<string, number>;
}

/** namespaceConditionUpdater: collects failures during a pass, then merges them into the status. */
export class NamespaceConditionUpdater {
  private readonly newConditions: NamespaceCondition[] = [];
  private readonly deleteContentErrors: string[] = [];

  constructor(private readonly now: number) {}

  processDiscoverResourcesErr(message: string): void {
    this.newConditions.push({ type: NamespaceDeletionDiscoveryFailure, status: 'True', lastTransitionTime: rfc3339(this.now), reason: 'DiscoveryFailed', message });
  }

  processGroupVersionErr(message: string): void {
    this.newConditions.push({ type: NamespaceDeletionGVParsingFailure, status: 'True', lastTransitionTime: rfc3339(this.now), reason: 'GroupVersionParsingFailed', message });
  }

  processDeleteContentErr(message: string): void {
    this.deleteContentErrors.push(message);
  }

  processContentTotals(totals: ContentTotals): void {
    if (totals.gvrToNumRemaining.size) {
      const remaining: string[] = [];
      for (const [gr, n] of totals.gvrToNumRemaining) if (n !== 0) remaining.push(`${gr} has ${n} resource instances`);
      remaining.sort();
      this.newConditions.push({
        type: NamespaceContentRemaining,
        status: 'True',
        lastTransitionTime: rfc3339(this.now),
        reason: 'SomeResourcesRemain',
        message: `Some resources are remaining: ${remaining.join(', ')}`,
      });
    }
    if (totals.finalizersToNumRemaining.size) {
      const byFinalizer: string[] = [];
      for (const [f, n] of totals.finalizersToNumRemaining) if (n !== 0) byFinalizer.push(`${f} in ${n} resource instances`);
      byFinalizer.sort();
      this.newConditions.push({
        type: NamespaceFinalizersRemaining,
        status: 'True',
        lastTransitionTime: rfc3339(this.now),
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${byFinalizer.join(', ')}`,
      });
    }
  }

  /** Merge into `status.conditions` in place; true when anything changed. */
  update(status: { conditions?: NamespaceCondition[] }): boolean {
    if (!getCondition(this.newConditions, NamespaceDeletionContentFailure)) {
      const c = makeDeleteContentCondition(this.deleteContentErrors, this.now);
      if (c) this.newConditions.push(c);
    }
    return updateConditions(status, this.newConditions, this.now);
  }
}

export function makeDeleteContentCondition(errs: string[], now: number): NamespaceCondition | undefined {
  if (!errs.length) return undefined;
  const msgs = [...errs].sort();
  return {
    type: NamespaceDeletionContentFailure,
    status: 'True',
    lastTransitionTime: rfc3339(now),
    reason: 'ContentDeletionFailed',
    message: `Failed to delete all resource types, ${errs.length} remaining: ${msgs.join(', ')}`,
  };
}

/** updateConditions: every maintained type is present; a changed status moves lastTransitionTime. */
export function updateConditions(status: { conditions?: NamespaceCondition[] }, newConditions: NamespaceCondition[], now: number): boolean {
  let changed = false;
  for (const type of conditionTypes) {
    const next = getCondition(newConditions, type) ?? newSuccessfulCondition(type, now);
    const old = getCondition(status.conditions ?? [], type);
    if (!old) {
      status.conditions = [...(status.conditions ?? []), next];
      changed = true;
    } else if (old.status !== next.status || old.message !== next.message || old.reason !== next.reason) {
      if (old.status !== next.status) old.lastTransitionTime = rfc3339(now);
      old.status = next.status;
      old.reason = next.reason;
      old.message = next.message;
      changed = true;
    }
  }
  return changed;
}

export function newSuccessfulCondition(type: string, now: number): NamespaceCondition {
  return { type, status: 'False', lastTransitionTime: rfc3339(now), reason: okReasons[type], message: okMessages[type] };
}

export function getCondition(conditions: NamespaceCondition[], type: string): NamespaceCondition | undefined {
  return conditions.find((c) => c.type === type);
}
