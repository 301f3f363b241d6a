/**
 * The floor this stack allows: Fastify + better-sqlite3 and nothing else. One route that parses a JSON
 * body, inserts it as a row in one transaction on its own WAL file database, and answers 201 with the
 * stored JSON. Usage: node --import tsx bench/bare-server.ts DATA_FILE; prints its URL.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server.ts DATA_FILE');
const db = new Database(file);
// The same durability settings as kubemu's storage.
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS items (namespace TEXT NOT NULL, name TEXT NOT NULL, rev INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (namespace, name))');
const insert = db.prepare('INSERT INTO items (namespace, name, rev, value) VALUES (?, ?, ?, ?)');
let rev = 0;
const create = db.transaction((ns: string, name: string, value: string) => {
  insert.run(ns, name, ++rev, value);
});

const app = Fastify({ logger: false });
app.post('/api/v1/namespaces/:namespace/configmaps', async (req, reply) => {
  const ns = (req.params as { namespace: string }).namespace;
  const body = req.body as { metadata: { name: string; resourceVersion?: string } };
  body.metadata.resourceVersion = String(rev + 1);
  const json = JSON.stringify(body);
  create(ns, body.metadata.name, json);
  return reply.code(201).type('application/json').send(json);
});

await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`listening at http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`);
const stop = () => app.close().then(() => {
  db.close();
  process.exit(0);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
