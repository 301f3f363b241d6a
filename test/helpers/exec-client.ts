/**
 * A pods/exec client over WebSocket (the channel protocol kubectl speaks): sends stdin on channel 0
 * and, in v5, the close message [255, 0] at its end; collects stdout, stderr and the Status.
 */
import WebSocket from 'ws';

export interface ExecResultT {
  stdout: string;
  stderr: string;
  status: any;
  protocol: string;
  /** HTTP status when the upgrade was refused, with the body. */
  refused?: { code: number; body: any };
}

export function execURL(base: string, ns: string, pod: string, command: string[], opts: { container?: string; stdin?: boolean; tty?: boolean } = {}): string {
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  if (opts.container) q.set('container', opts.container);
  if (opts.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  if (!opts.tty) q.set('stderr', 'true');
  if (opts.tty) q.set('tty', 'true');
  return `${base.replace(/^http/, 'ws')}/api/v1/namespaces/${ns}/pods/${pod}/exec?${q}`;
}

export function wsExec(
  url: string,
  opts: { stdin?: string[]; protocols?: string[]; onOpen?: (ws: WebSocket) => void; closeStdin?: boolean } = {},
): Promise<ExecResultT> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts.protocols ?? ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    let stdout = '';
    let stderr = '';
    let status: any;
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ stdout, stderr, status, protocol: '', refused: { code: res.statusCode ?? 0, body: JSON.parse(body || 'null') } }));
    });
    ws.on('open', () => {
      for (const s of opts.stdin ?? []) ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(s)]));
      if (opts.stdin && opts.closeStdin !== false) ws.send(Buffer.from([255, 0]));
      opts.onOpen?.(ws);
    });
    ws.on('message', (data: Buffer) => {
      const ch = data[0];
      const text = data.subarray(1).toString('utf8');
      if (ch === 1) stdout += text;
      else if (ch === 2) stderr += text;
      else if (ch === 3) status = JSON.parse(text);
    });
    ws.on('close', () => resolve({ stdout, stderr, status, protocol: ws.protocol }));
    ws.on('error', reject);
  });
}
