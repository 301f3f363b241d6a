/**
 * Container logs as the CRI keeps them: one log per container instance (pod UID, container name,
 * restart count), records of stdout and stderr interleaved in write order, each with the time it was
 * written; a write without a trailing newline is a partial record. Reading applies the pod log
 * options as the kubelet does (sinceTime/sinceSeconds, tailLines, timestamps in RFC 3339 with nine
 * fractional digits, limitBytes) and `follow` streams new records until the container instance ends.
 */
export interface LogRecord {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
  /** No newline after it (the next record continues the line). */
  partial: boolean;
}

export interface LogSink {
  write(chunk: string): void;
  end(): void;
}

export interface LogQuery {
  timestamps?: boolean;
  tailLines?: number;
  /** Only records at or after this time (ms). */
  sinceTime?: number;
  limitBytes?: number;
  follow?: boolean;
}

/** Upstream kubelet's timestampFormat "2006-01-02T15:04:05.000000000Z07:00". */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** Upstream containerLogMaxSize default is 10Mi; older records are dropped past it. */
const maxBytes = 10 * 1024 * 1024;

export class ContainerLog {
  readonly records: LogRecord[] = [];
  private bytes = 0;
  private ended = false;
  private readonly listeners = new Set<(r: LogRecord | null) => void>();

  get done(): boolean {
    return this.ended;
  }

  write(stream: 'stdout' | 'stderr', text: string, now: number): void {
    if (this.ended || text === '') return;
    const parts = text.split('\n');
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      if (last && p === '') return;
      this.push({ time: now, stream, text: p, partial: last });
    });
  }

  private push(r: LogRecord): void {
    this.records.push(r);
    this.bytes += r.text.length + 1;
    while (this.bytes > maxBytes && this.records.length > 1) this.bytes -= this.records.shift()!.text.length + 1;
    for (const l of [...this.listeners]) l(r);
  }

  /** The container instance ended: followers finish. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const l of [...this.listeners]) l(null);
    this.listeners.clear();
  }

  subscribe(fn: (r: LogRecord | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Everything written, as plain text (for tests and `kubectl logs`-like reads). */
  text(): string {
    return this.records.map((r) => r.text + (r.partial ? '' : '\n')).join('');
  }
}

export function renderRecord(r: LogRecord, timestamps: boolean): string {
  return (timestamps ? `${logTimestamp(r.time)} ` : '') + r.text + (r.partial ? '' : '\n');
}

/** Index of the first record of the last n lines (partial records belong to the line they start). */
function tailStart(records: LogRecord[], n: number): number {
  if (n <= 0) return records.length;
  let lines = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    // a complete record ends a line; a trailing partial record is a line of its own
    if (!records[i]!.partial || i === records.length - 1) {
      if (lines === n) return i + 1;
      lines++;
    }
  }
  return 0;
}

/** Write what the query selects to the sink; when following, keep writing until the log ends or stop(). */
export function readLog(log: ContainerLog, q: LogQuery, sink: LogSink): { stop(): void } {
  let remaining = q.limitBytes ?? Infinity;
  let finished = false;
  let unsubscribe: () => void = () => {};
  const finish = () => {
    if (finished) return;
    finished = true;
    unsubscribe();
    sink.end();
  };
  const emit = (r: LogRecord): void => {
    if (finished) return;
    if (q.sinceTime !== undefined && r.time < q.sinceTime) return;
    let s = renderRecord(r, !!q.timestamps);
    const b = Buffer.byteLength(s);
    if (b > remaining) {
      s = Buffer.from(s).subarray(0, remaining).toString('utf8');
      remaining = 0;
    } else remaining -= b;
    if (s) sink.write(s);
    if (remaining <= 0) finish();
  };
  let records = log.records;
  if (q.sinceTime !== undefined) records = records.filter((r) => r.time >= q.sinceTime!);
  if (q.tailLines !== undefined) records = records.slice(tailStart(records, q.tailLines));
  for (const r of records) emit(r);
  if (finished) return { stop: () => {} };
  if (!q.follow || log.done) {
    finish();
    return { stop: () => {} };
  }
  unsubscribe = log.subscribe((r) => (r ? emit(r) : finish()));
  return { stop: () => finish() };
}

/** Logs of every container instance this node (or cluster of kubelets) ran, by pod UID. */
export class LogStore {
  private readonly logs = new Map<string, ContainerLog>();
  private readonly ids = new Map<string, string>();

  private key(uid: string, container: string, attempt: number): string {
    return `${uid}/${container}/${attempt}`;
  }

  /** A new log for a container instance (replacing one with the same attempt). */
  open(uid: string, container: string, attempt: number, containerID?: string): ContainerLog {
    const log = new ContainerLog();
    const k = this.key(uid, container, attempt);
    this.logs.get(k)?.end();
    this.logs.set(k, log);
    if (containerID) this.ids.set(containerID, k);
    return log;
  }

  /** The log of a container instance by its ID (with or without the 'containerd://' prefix). */
  byId(containerID: string): ContainerLog | undefined {
    const k = this.ids.get(containerID.replace(/^[a-z]+:\/\//, ''));
    return k ? this.logs.get(k) : undefined;
  }

  get(uid: string, container: string, attempt: number): ContainerLog | undefined {
    return this.logs.get(this.key(uid, container, attempt));
  }

  /** Forget a pod's logs (its containers were removed). */
  removePod(uid: string): void {
    for (const [k, log] of [...this.logs]) {
      if (k.startsWith(`${uid}/`)) {
        log.end();
        this.logs.delete(k);
      }
    }
    for (const [id, k] of [...this.ids]) if (k.startsWith(`${uid}/`)) this.ids.delete(id);
  }

  size(): number {
    return this.logs.size;
  }
}
