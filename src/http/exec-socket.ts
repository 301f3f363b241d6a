/**
 * pods/exec over WebSocket, the channel protocol (k8s.io/apimachinery/pkg/util/httpstream/wsstream,
 * v4.channel.k8s.io and v5.channel.k8s.io): every binary message starts with a channel byte,
 * 0 stdin, 1 stdout, 2 stderr, 3 error (a metav1.Status as JSON, server to client), 4 resize
 * (terminal size JSON, client to server), and in v5 255 close (`[255, 0]`: no more stdin). After the
 * command ends the server writes the Status on channel 3, as upstream's stream translator does
 * (Success; Failure/NonZeroExitCode with the exit code as an ExitCode cause; InternalError for a
 * node-side failure), then closes the connection normally.
 */
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import { ApiError } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { ExecOutcome, ExecRequest, PodStreamSource } from './pod-streams.js';

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export function channelFrame(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

export type ChannelMessage = { channel: number; data: Buffer };

export function parseChannelFrame(msg: Buffer): ChannelMessage | undefined {
  if (msg.length === 0) return undefined;
  return { channel: msg[0]!, data: msg.subarray(1) };
}

/** metav1.Status as upstream marshals it on the error channel (no kind/apiVersion). */
export function execStatus(outcome: ExecOutcome): Record<string, unknown> {
  if ('error' in outcome) return internalErrorStatus(outcome.error);
  if (outcome.exitCode === 0) return { metadata: {}, status: 'Success' };
  const inner = `command terminated with exit code ${outcome.exitCode}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${inner}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(outcome.exitCode) }] },
  };
}

/** apierrors.NewInternalError(err) as JSON. */
export function internalErrorStatus(err: string): Record<string, unknown> {
  return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${err}`, reason: 'InternalError', details: { causes: [{ message: err }] }, code: 500 };
}

function apiErrorStatus(e: unknown): Record<string, unknown> {
  if (e instanceof ApiError) {
    const { kind: _k, apiVersion: _a, ...rest } = e.toStatus() as unknown as Record<string, unknown>;
    return { ...rest, metadata: {} };
  }
  return internalErrorStatus((e as Error)?.message ?? String(e));
}

/** Text chunks from channel 0, ending at the v5 close message or when the connection goes. */
class StdinQueue implements AsyncIterable<string> {
  private chunks: string[] = [];
  private ended = false;
  private wake?: () => void;
  private readonly decoder = new StringDecoder('utf8');

  push(b: Buffer): void {
    if (this.ended) return;
    const s = this.decoder.write(b);
    if (s) this.chunks.push(s);
    this.notify();
  }
  end(): void {
    if (this.ended) return;
    const rest = this.decoder.end();
    if (rest) this.chunks.push(rest);
    this.ended = true;
    this.notify();
  }
  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.chunks.length) {
        yield this.chunks.splice(0).join('');
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/**
 * Serve one exec connection. `target` resolves the pod and container (throws an ApiError, sent as
 * the Status); the command runs through `source`.
 */
export async function serveExec(socket: WebSocket, source: PodStreamSource | undefined, target: () => { pod: KObject; req: ExecRequest }): Promise<void> {
  const send = (channel: number, data: Buffer | string) => {
    if (socket.readyState === socket.OPEN) socket.send(channelFrame(channel, data));
  };
  const finish = (status: Record<string, unknown>) => {
    send(Channel.error, JSON.stringify(status));
    if (socket.readyState === socket.OPEN) socket.close(1000);
  };
  let resolved: { pod: KObject; req: ExecRequest };
  try {
    resolved = target();
  } catch (e) {
    return finish(apiErrorStatus(e));
  }
  const { pod, req } = resolved;
  if (!source) return finish(internalErrorStatus(`unable to upgrade connection: pod does not exist`));
  const ac = new AbortController();
  const stdin = req.stdin ? new StdinQueue() : undefined;
  const v5 = (socket.protocol ?? '') === 'v5.channel.k8s.io';
  socket.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
    const buf = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    const m = parseChannelFrame(buf);
    if (!m) return;
    if (m.channel === Channel.stdin) stdin?.push(m.data);
    else if (m.channel === Channel.close && v5 && m.data[0] === Channel.stdin) stdin?.end();
    // resize (4): the simulated terminal has no size to change
  });
  socket.on('close', () => {
    stdin?.end();
    ac.abort();
  });
  let outcome: ExecOutcome;
  try {
    outcome = await source.exec(pod, req, {
      stdin,
      stdout: (s) => {
        if (req.stdout) send(Channel.stdout, s);
      },
      stderr: (s) => {
        if (req.tty) {
          if (req.stdout) send(Channel.stdout, s);
        } else if (req.stderr) send(Channel.stderr, s);
      },
      signal: ac.signal,
    });
  } catch (e) {
    outcome = { error: (e as Error)?.message ?? String(e) };
  }
  finish(execStatus(outcome));
}
