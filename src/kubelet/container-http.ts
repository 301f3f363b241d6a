/**
 * The HTTP server inside a container, for connections forwarded to it (kubectl port-forward): which
 * paths answer comes from the image profile (the same rule the probes use: the profile's paths,
 * files under its document root), bodies from the container's files (so writes through exec show),
 * headers as the image's server sends them (nginx: Server, Date from the clock, Content-Type,
 * Content-Length, Last-Modified, Connection: keep-alive, ETag, Accept-Ranges). Requests are parsed
 * as they arrive (keep-alive, pipelining); `Connection: close`, HTTP/1.0 or a malformed request end
 * the connection after the response.
 */
import type { Clock } from '../util/clock.js';
import type { ImageProfile } from './images.js';
import type { ShellFS } from './shell/types.js';

/** The Server header of each image's HTTP server. */
const serverHeader: Record<string, string> = { nginx: 'nginx/1.27.3', httpd: 'Apache/2.4.62 (Unix)' };

const reasons: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 405: 'Not Allowed' };

const mime: Record<string, string> = {
  html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json',
  xml: 'text/xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', ico: 'image/x-icon',
};

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 7231 IMF-fixdate: "Tue, 24 Nov 2026 01:30:00 GMT". */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${days[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

export function errorPage(profile: ImageProfile, status: number): string {
  const title = `${status} ${reasons[status] ?? ''}`;
  if (profile.name === 'httpd')
    return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${reasons[status]}</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${serverHeader[profile.name] ?? 'nginx'}</center>\r\n</body>\r\n</html>\r\n`;
}

export interface HttpServerModel {
  profile: ImageProfile;
  fs: ShellFS;
  clock: Clock;
  /** When the container started: Last-Modified of its files. */
  startedAt: number;
}

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** The file a path maps to under the document root, if any. */
function docFile(m: HttpServerModel, path: string): string | undefined {
  const root = m.profile.docRoot;
  if (!root) return undefined;
  const file = `${root}${path}`;
  if (m.fs.exists(file) && !m.fs.isDir(file)) return file;
  const index = `${file.replace(/\/$/, '')}/index.html`;
  if (m.fs.isDir(file) && m.fs.exists(index)) return index;
  return undefined;
}

/** Answer one request (method and request-target). */
export function respond(m: HttpServerModel, method: string, target: string): HttpResponse {
  const now = m.clock.now();
  const server = serverHeader[m.profile.name];
  const base: Array<[string, string]> = [...(server ? [['Server', server] as [string, string]] : []), ['Date', httpDate(now)]];
  let path = target.split('?')[0] || '/';
  try {
    path = decodeURI(path);
  } catch {
    // keep it as sent
  }
  const file = docFile(m, path);
  const ok = file !== undefined || m.profile.httpPaths.includes(path);
  if (!ok || (method !== 'GET' && method !== 'HEAD')) {
    const status = ok ? 405 : 404;
    const body = errorPage(m.profile, status);
    return { status, headers: [...base, ['Content-Type', 'text/html'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'keep-alive']], body: method === 'HEAD' ? '' : body };
  }
  const body = file ? (m.fs.read(file) ?? '') : '';
  const ext = (file ?? '').split('/').pop()!.split('.').slice(1).pop() ?? '';
  const len = Buffer.byteLength(body);
  const mtime = Math.floor(m.startedAt / 1000);
  return {
    status: 200,
    headers: [
      ...base,
      ['Content-Type', mime[ext] ?? (file ? 'application/octet-stream' : 'text/html')],
      ['Content-Length', String(len)],
      ['Last-Modified', httpDate(mtime * 1000)],
      ['Connection', 'keep-alive'],
      ['ETag', `"${mtime.toString(16)}-${len.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
    ],
    body: method === 'HEAD' ? '' : body,
  };
}

export function serializeResponse(r: HttpResponse): Buffer {
  const head = `HTTP/1.1 ${r.status} ${reasons[r.status] ?? ''}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(r.body, 'utf8')]);
}

/**
 * One TCP connection to the container's HTTP port: bytes in, responses out through `write`;
 * `close` is called when the server ends the connection.
 */
export class HttpConnection {
  private buf = Buffer.alloc(0);
  private closed = false;

  constructor(
    private readonly model: HttpServerModel,
    private readonly write: (b: Buffer) => void,
    private readonly close: () => void,
  ) {}

  receive(chunk: Buffer): void {
    if (this.closed) return;
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.buf.length > 64 * 1024) this.fail();
        return;
      }
      const head = this.buf.subarray(0, end).toString('latin1');
      const [requestLine, ...headerLines] = head.split('\r\n');
      const m = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/.exec(requestLine ?? '');
      if (!m) return this.fail();
      const headers = new Map<string, string>();
      for (const l of headerLines) {
        const i = l.indexOf(':');
        if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
      }
      const bodyLen = Number(headers.get('content-length') ?? 0) || 0;
      if (this.buf.length < end + 4 + bodyLen) return;
      this.buf = this.buf.subarray(end + 4 + bodyLen);
      const res = respond(this.model, m[1]!, m[2]!);
      const closeAfter = (headers.get('connection') ?? '').toLowerCase() === 'close' || (m[3] === '1.0' && (headers.get('connection') ?? '').toLowerCase() !== 'keep-alive');
      if (closeAfter) res.headers = res.headers.map(([k, v]) => (k === 'Connection' ? [k, 'close'] : [k, v]));
      this.write(serializeResponse(res));
      if (closeAfter) return this.end();
    }
  }

  private fail(): void {
    const body = errorPage(this.model.profile, 400);
    const server = serverHeader[this.model.profile.name];
    this.write(
      serializeResponse({
        status: 400,
        headers: [...(server ? [['Server', server] as [string, string]] : []), ['Date', httpDate(this.model.clock.now())], ['Content-Type', 'text/html'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'close']],
        body,
      }),
    );
    this.end();
  }

  /** The connection ends (server side). */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.close();
  }
}
