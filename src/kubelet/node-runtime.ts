/**
 * What every pod worker of one node shares: the node's identity and addresses, pod IP allocation from
 * the node's pod CIDR (host-local style: the next free address after the last one given), the image
 * cache and the serialized image puller, the container-restart and image-pull back-offs, the log
 * store, the event recorder (source kubelet/<node>), and where ConfigMaps, Secrets and Services are
 * read from. Behaviour overrides (pull failures, start delays, crashes, probe failures, extra files and
 * ports) come from a pluggable source.
 */
import type { KObject } from '../api/meta.js';
import type { Client } from '../client/client.js';
import type { EventRecorder } from '../controllers/runtime/event-recorder.js';
import type { Clock } from '../util/clock.js';
import { Backoff } from './backoff.js';
import type { EnvSources } from './container-env.js';
import type { VolumeSources } from './container-fs.js';
import { hex64 } from './images.js';
import type { LogStore } from './logs.js';

/** How a container deviates from its image profile (from annotations or kubemu objects, elsewhere). */
export interface ContainerBehaviour {
  /** Image pulls fail with this message ('' for upstream's "not found" text). */
  pullError?: string;
  /** Extra time before the container starts (ms). */
  startDelayMs?: number;
  /** The main process exits this long after starting (ms) ... */
  exitAfterMs?: number;
  /** ... with this code (default 1). */
  exitCode?: number;
  /** Probes of these kinds fail from this many ms after the container started. */
  probeFailures?: Partial<Record<'liveness' | 'readiness' | 'startup', number>>;
  /** Extra files in the container. */
  files?: Record<string, string>;
  /** Extra TCP ports the container listens on. */
  ports?: number[];
  /** Resource use the container reports (quantities), for metrics. */
  usage?: { cpu?: string; memory?: string };
}

export type BehaviourSource = (pod: KObject, container: { name: string; image?: string }) => ContainerBehaviour;

export const noBehaviour: BehaviourSource = () => ({});

export interface RuntimeSources extends EnvSources, VolumeSources {}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** host-local IPAM over one IPv4 CIDR: .1 is the gateway; addresses go round-robin, skipping used ones. */
export class PodIPAllocator {
  private readonly first: number;
  private readonly last: number;
  private lastGiven: number;
  private readonly used = new Map<string, number>();

  constructor(cidr: string) {
    const [base, bits] = cidr.split('/') as [string, string];
    const size = 2 ** (32 - Number(bits));
    const start = ipToInt(base);
    this.first = start + 2;
    this.last = start + size - 2;
    this.lastGiven = this.first - 1;
  }

  allocate(owner: string): string {
    const had = this.used.get(owner);
    if (had !== undefined) return intToIp(had);
    const taken = new Set(this.used.values());
    const span = this.last - this.first + 1;
    for (let i = 1; i <= span; i++) {
      const cand = this.first + ((this.lastGiven - this.first + i) % span);
      if (!taken.has(cand)) {
        this.lastGiven = cand;
        this.used.set(owner, cand);
        return intToIp(cand);
      }
    }
    throw new Error('no IP addresses available in range set');
  }

  /** Mark an address as used (a pod that already has one, e.g. after a restart). */
  reserve(owner: string, ip: string): void {
    this.used.set(owner, ipToInt(ip));
  }

  release(owner: string): void {
    this.used.delete(owner);
  }
}

export class NodeRuntime {
  readonly images = new Set<string>();
  /** When the (serialized) image puller is free again. */
  pullFreeAt = 0;
  readonly crashBackoff: Backoff;
  readonly pullBackoff: Backoff;
  readonly ipam: PodIPAllocator;
  private containerSeq = 0;

  constructor(
    readonly nodeName: string,
    readonly hostIP: string,
    podCIDR: string,
    readonly client: Client,
    readonly clock: Clock,
    readonly recorder: EventRecorder,
    readonly logs: LogStore,
    readonly sources: RuntimeSources,
    readonly behaviour: BehaviourSource,
  ) {
    this.crashBackoff = new Backoff(clock);
    this.pullBackoff = new Backoff(clock);
    this.ipam = new PodIPAllocator(podCIDR || '10.244.0.0/24');
  }

  /** A containerd-style container ID: 64 hex digits, unique per instance. */
  newContainerID(podUID: string, name: string, attempt: number): string {
    return hex64(`${this.nodeName}/${podUID}/${name}/${attempt}/${++this.containerSeq}`);
  }
}
