/**
 * Controller expectations as upstream's controller.ControllerExpectations and
 * UIDTrackingControllerExpectations: before creating or deleting pods a controller records how many
 * it expects to see; the informer handlers lower the counts as the events arrive; the controller does
 * not act again until they are met or ExpectationsTimeout (5 minutes of clock time) has passed since
 * they were set. Deletions are tracked by pod key so a graceful delete (deletionTimestamp set) and the
 * final delete count once.
 */
import type { Clock } from '../../util/clock.js';

/** How long expectations hold before a controller acts anyway (a lost watch event). */
export const ExpectationsTimeoutMs = 5 * 60_000;

export class ControlleeExpectations {
  constructor(
    public add: number,
    public del: number,
    readonly key: string,
    readonly timestamp: number,
  ) {}

  /** Add to the add and del counters (negative to lower them). */
  addCounts(add: number, del: number): void {
    this.add += add;
    this.del += del;
  }

  fulfilled(): boolean {
    return this.add <= 0 && this.del <= 0;
  }

  getExpectations(): [add: number, del: number] {
    return [this.add, this.del];
  }
}

export class ControllerExpectations {
  private readonly store = new Map<string, ControlleeExpectations>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = ExpectationsTimeoutMs,
  ) {}

  getExpectations(controllerKey: string): ControlleeExpectations | undefined {
    return this.store.get(controllerKey);
  }

  deleteExpectations(controllerKey: string): void {
    this.store.delete(controllerKey);
  }

  private isExpired(exp: ControlleeExpectations): boolean {
    return this.clock.now() - exp.timestamp > this.ttlMs;
  }

  /**
   * True if the controller should sync: its expectations are met, have expired, or were never set.
   */
  satisfiedExpectations(controllerKey: string): boolean {
    const exp = this.store.get(controllerKey);
    if (!exp) return true;
    return exp.fulfilled() || this.isExpired(exp);
  }

  /** Register new expectations, forgetting existing ones. */
  setExpectations(controllerKey: string, add: number, del: number): void {
    this.store.set(controllerKey, new ControlleeExpectations(add, del, controllerKey, this.clock.now()));
  }

  expectCreations(controllerKey: string, adds: number): void {
    this.setExpectations(controllerKey, adds, 0);
  }

  expectDeletions(controllerKey: string, dels: number): void {
    this.setExpectations(controllerKey, 0, dels);
  }

  lowerExpectations(controllerKey: string, add: number, del: number): void {
    this.store.get(controllerKey)?.addCounts(-add, -del);
  }

  raiseExpectations(controllerKey: string, add: number, del: number): void {
    this.store.get(controllerKey)?.addCounts(add, del);
  }

  creationObserved(controllerKey: string): void {
    this.lowerExpectations(controllerKey, 1, 0);
  }

  deletionObserved(controllerKey: string): void {
    this.lowerExpectations(controllerKey, 0, 1);
  }
}

/** ControllerExpectations that remembers which pod keys it expects to see deleted. */
export class UIDTrackingControllerExpectations {
  private readonly uidStore = new Map<string, Set<string>>();

  constructor(readonly inner: ControllerExpectations) {}

  getExpectations(controllerKey: string): ControlleeExpectations | undefined {
    return this.inner.getExpectations(controllerKey);
  }

  satisfiedExpectations(controllerKey: string): boolean {
    return this.inner.satisfiedExpectations(controllerKey);
  }

  expectCreations(controllerKey: string, adds: number): void {
    this.inner.expectCreations(controllerKey, adds);
  }

  creationObserved(controllerKey: string): void {
    this.inner.creationObserved(controllerKey);
  }

  /** The pod keys still expected to be deleted, or undefined when none were recorded. */
  getUIDs(controllerKey: string): Set<string> | undefined {
    return this.uidStore.get(controllerKey);
  }

  /** Expect these pod keys (namespace/name) to be deleted; replaces any earlier set. */
  expectDeletions(controllerKey: string, deletedKeys: string[]): void {
    const expected = new Set(deletedKeys);
    this.uidStore.set(controllerKey, expected);
    this.inner.expectDeletions(controllerKey, expected.size);
  }

  /** Record the deletion of a pod key, once, if it was expected. */
  deletionObserved(controllerKey: string, deleteKey: string): void {
    const uids = this.uidStore.get(controllerKey);
    if (uids?.has(deleteKey)) {
      this.inner.deletionObserved(controllerKey);
      uids.delete(deleteKey);
    }
  }

  deleteExpectations(controllerKey: string): void {
    this.inner.deleteExpectations(controllerKey);
    this.uidStore.delete(controllerKey);
  }
}
