/**
 * Built-in image profiles, as data: what a container of each well-known image does when it runs its
 * default command (serve until stopped, or exit at once), which TCP ports it listens on, which HTTP
 * paths answer 200, which files it has, its first log lines, its size and how long it takes to pull
 * and start. Unknown images get a default profile that runs until stopped.
 */
import { rfc3339 } from '../util/clock.js';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** The line without its newline; `{time}` becomes the start time in the image's own log format. */
  text: string;
}

export interface ImageProfile {
  /** Profile name (the image's short repository name, or 'default'). */
  name: string;
  /** 'serve': the default command runs until stopped; 'exit': it exits 0 at once (a shell without a tty). */
  defaultBehaviour: 'serve' | 'exit';
  /** Names of the image's main binaries: a command starting with one of them runs the default behaviour. */
  entrypoints: string[];
  /** TCP ports the default command listens on. */
  ports: number[];
  /** HTTP paths that answer 200 on those ports (every other path is 404). */
  httpPaths: string[];
  /** Files under this directory are served too (GET /x answers 200 when <docRoot>/x exists). */
  docRoot?: string;
  /** Whether a gRPC health service answers SERVING on those ports. */
  grpcHealth: boolean;
  /** Files of the image (paths to contents; a key ending in '/' is a directory). */
  files: Record<string, string>;
  /** Lines the default command writes when it starts. */
  startupLog: LogLine[];
  /** Compressed size in bytes, as the Pulled event reports. */
  sizeBytes: number;
  /** Time a pull takes (ms). */
  pullMs: number;
  /** Time from create to the default command being ready (ms). */
  startMs: number;
}

const osRelease = (id: string, pretty: string, version: string) =>
  `PRETTY_NAME="${pretty}"\nNAME="${pretty.split(' ')[0]}"\nVERSION_ID="${version}"\nID=${id}\n`;

const debianFiles = {
  '/etc/os-release': osRelease('debian', 'Debian GNU/Linux 12 (bookworm)', '12'),
  '/etc/debian_version': '12.8\n',
  '/bin/': '',
  '/tmp/': '',
  '/var/': '',
  '/root/': '',
  '/usr/bin/': '',
};
const alpineFiles = {
  '/etc/os-release': osRelease('alpine', 'Alpine Linux v3.20', '3.20.3'),
  '/etc/alpine-release': '3.20.3\n',
  '/bin/': '',
  '/tmp/': '',
  '/var/': '',
  '/root/': '',
};

const nginxIndex = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

const nginxLog: LogLine[] = [
  ['stdout', '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'],
  ['stdout', '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'],
  ['stdout', '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'],
  ['stdout', '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'],
  ['stdout', '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'],
  ['stdout', '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'],
  ['stdout', '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'],
  ['stdout', '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'],
  ['stdout', '/docker-entrypoint.sh: Configuration complete; ready for start up'],
  ['stderr', '{time} [notice] 1#1: using the "epoll" event method'],
  ['stderr', '{time} [notice] 1#1: nginx/1.27.3'],
  ['stderr', '{time} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)'],
  ['stderr', '{time} [notice] 1#1: OS: Linux 6.1.0-kubemu'],
  ['stderr', '{time} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576'],
  ['stderr', '{time} [notice] 1#1: start worker processes'],
  ['stderr', '{time} [notice] 1#1: start worker process 29'],
].map(([stream, text]) => ({ stream: stream as LogLine['stream'], text: text! }));

const base = (p: Partial<ImageProfile> & Pick<ImageProfile, 'name'>): ImageProfile => ({
  defaultBehaviour: 'serve',
  entrypoints: [],
  ports: [],
  httpPaths: [],
  grpcHealth: false,
  files: {},
  startupLog: [],
  sizeBytes: 50_000_000,
  pullMs: 1500,
  startMs: 200,
  ...p,
});

const line = (stream: LogLine['stream'], text: string): LogLine => ({ stream, text });

export const imageProfiles: Record<string, ImageProfile> = {
  nginx: base({
    name: 'nginx',
    entrypoints: ['nginx', '/docker-entrypoint.sh', 'nginx-debug'],
    ports: [80],
    httpPaths: ['/', '/index.html'],
    docRoot: '/usr/share/nginx/html',
    files: {
      ...debianFiles,
      '/usr/share/nginx/html/index.html': nginxIndex,
      '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
      '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
      '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
      '/var/log/nginx/': '',
    },
    startupLog: nginxLog,
    sizeBytes: 72_099_410,
    pullMs: 2300,
    startMs: 300,
  }),
  httpd: base({
    name: 'httpd',
    entrypoints: ['httpd-foreground', 'httpd'],
    ports: [80],
    httpPaths: ['/'],
    docRoot: '/usr/local/apache2/htdocs',
    files: { ...debianFiles, '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    startupLog: [
      line('stderr', "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message"),
      line('stderr', "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message"),
      line('stderr', '[{apacheTime}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations'),
      line('stderr', "[{apacheTime}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'"),
    ],
    sizeBytes: 58_213_456,
    pullMs: 2000,
  }),
  redis: base({
    name: 'redis',
    entrypoints: ['redis-server', 'docker-entrypoint.sh'],
    ports: [6379],
    files: { ...debianFiles, '/data/': '' },
    startupLog: [
      line('stdout', '1:C {redisTime} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line('stdout', '1:C {redisTime} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started'),
      line('stdout', '1:C {redisTime} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      line('stdout', '1:M {redisTime} * monotonic clock: POSIX clock_gettime'),
      line('stdout', '1:M {redisTime} * Running mode=standalone, port=6379.'),
      line('stdout', '1:M {redisTime} * Server initialized'),
      line('stdout', '1:M {redisTime} * Ready to accept connections tcp'),
    ],
    sizeBytes: 45_120_324,
    pullMs: 1800,
  }),
  mysql: base({
    name: 'mysql',
    entrypoints: ['mysqld', 'docker-entrypoint.sh'],
    ports: [3306, 33060],
    files: { ...debianFiles, '/var/lib/mysql/': '', '/etc/my.cnf': '[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\n' },
    startupLog: [
      line('stdout', '{mysqlTime} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.'),
      line('stdout', '{mysqlTime} [Note] [Entrypoint]: Switching to dedicated user \'mysql\''),
      line('stdout', '{mysqlTime} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.'),
      line('stderr', "{isoTime} 0 [System] [MY-015015] [Server] MySQL Server - start."),
      line('stderr', '{isoTime} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: \'9.1.0\'  socket: \'/var/run/mysqld/mysqld.sock\'  port: 3306  MySQL Community Server - GPL.'),
    ],
    sizeBytes: 172_553_331,
    pullMs: 6000,
    startMs: 3000,
  }),
  postgres: base({
    name: 'postgres',
    entrypoints: ['postgres', 'docker-entrypoint.sh'],
    ports: [5432],
    files: { ...debianFiles, '/var/lib/postgresql/data/': '' },
    startupLog: [
      line('stdout', 'The files belonging to this database system will be owned by user "postgres".'),
      line('stdout', 'This user must also own the server process.'),
      line('stdout', ''),
      line('stdout', 'PostgreSQL init process complete; ready for start up.'),
      line('stdout', ''),
      line('stderr', '{pgTime} UTC [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit'),
      line('stderr', '{pgTime} UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432'),
      line('stderr', '{pgTime} UTC [1] LOG:  database system is ready to accept connections'),
    ],
    sizeBytes: 158_912_000,
    pullMs: 5000,
    startMs: 2000,
  }),
  busybox: base({
    name: 'busybox',
    defaultBehaviour: 'exit',
    files: { '/bin/': '', '/tmp/': '', '/var/': '', '/root/': '', '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n' },
    sizeBytes: 2_155_910,
    pullMs: 600,
    startMs: 100,
  }),
  alpine: base({ name: 'alpine', defaultBehaviour: 'exit', files: alpineFiles, sizeBytes: 3_653_068, pullMs: 700, startMs: 100 }),
  ubuntu: base({
    name: 'ubuntu',
    defaultBehaviour: 'exit',
    files: { ...debianFiles, '/etc/os-release': osRelease('ubuntu', 'Ubuntu 24.04.1 LTS', '24.04'), '/etc/debian_version': 'trixie/sid\n' },
    sizeBytes: 29_750_000,
    pullMs: 1200,
    startMs: 100,
  }),
  debian: base({ name: 'debian', defaultBehaviour: 'exit', files: debianFiles, sizeBytes: 48_494_272, pullMs: 1400, startMs: 100 }),
  python: base({
    name: 'python',
    defaultBehaviour: 'exit',
    entrypoints: ['python3', 'python'],
    files: { ...debianFiles, '/usr/local/bin/python3': '' },
    sizeBytes: 392_000_000,
    pullMs: 9000,
  }),
  node: base({
    name: 'node',
    defaultBehaviour: 'exit',
    entrypoints: ['node'],
    files: { ...debianFiles, '/usr/local/bin/node': '' },
    sizeBytes: 390_000_000,
    pullMs: 9000,
  }),
  default: base({ name: 'default', files: { ...debianFiles }, sizeBytes: 30_000_000, pullMs: 1500 }),
};
imageProfiles['mariadb'] = { ...imageProfiles['mysql']!, name: 'mariadb', entrypoints: ['mariadbd', 'mysqld', 'docker-entrypoint.sh'] };

export interface ImageRef {
  /** Registry host, '' for Docker Hub. */
  registry: string;
  /** Repository path without registry: 'library/nginx', 'bitnami/redis'. */
  repository: string;
  /** Last path element: 'nginx'. */
  shortName: string;
  tag: string;
  digest: string;
}

/** Split an image reference as the docker reference grammar does (registry only when the first part looks like a host). */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = '';
  const parts = rest.split('/');
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (!registry && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  return { registry, repository, shortName: parts[parts.length - 1]!, tag: tag || (digest ? '' : 'latest'), digest };
}

/** The canonical form the runtime reports in status.image: docker.io/library/nginx:1.27 */
export function canonicalImage(image: string): string {
  const r = parseImage(image);
  return `${r.registry || 'docker.io'}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** A stable fake digest for an image (status.imageID): docker.io/library/nginx@sha256:<64 hex>. */
export function imageID(image: string): string {
  const r = parseImage(image);
  if (r.digest) return `${r.registry || 'docker.io'}/${r.repository}@${r.digest}`;
  return `${r.registry || 'docker.io'}/${r.repository}@sha256:${hex64(`${r.repository}:${r.tag}`)}`;
}

/** 64 hex characters derived from a string (FNV-1a, repeated): stable, not cryptographic. */
export function hex64(s: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function imageProfile(image: string): ImageProfile {
  const r = parseImage(image);
  const name = r.shortName === 'busybox' || r.shortName === 'alpine' ? r.shortName : r.shortName.replace(/-(alpine|slim)$/, '');
  return imageProfiles[name] ?? imageProfiles['default']!;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The image's startup lines with their time placeholders filled in for `now` and the pod's IP. */
export function renderStartupLog(p: ImageProfile, now: number, podIP: string): LogLine[] {
  const d = new Date(now);
  const Y = d.getUTCFullYear();
  const M = pad(d.getUTCMonth() + 1);
  const D = pad(d.getUTCDate());
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = pad(d.getUTCMilliseconds(), 3);
  const subs: Record<string, string> = {
    time: `${Y}/${M}/${D} ${hms}`,
    redisTime: `${D} ${months[d.getUTCMonth()]} ${Y} ${hms}.${ms}`,
    mysqlTime: `${Y}-${M}-${D} ${hms}+00:00`,
    isoTime: `${Y}-${M}-${D}T${hms}.${ms}000Z`,
    pgTime: `${Y}-${M}-${D} ${hms}.${ms}`,
    apacheTime: `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${D} ${hms}.${ms}000 ${Y}`,
    rfc: rfc3339(now),
    ip: podIP,
  };
  return p.startupLog.map((l) => ({ stream: l.stream, text: l.text.replace(/\{(\w+)\}/g, (m, k: string) => subs[k] ?? m) }));
}

/** Format a duration as Go's time.Duration String() does (after Truncate(time.Millisecond)). */
export function goDuration(ms: number): string {
  ms = Math.floor(ms);
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${s.toFixed(3).replace(/\.?0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
