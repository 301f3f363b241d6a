-- Objects: the current state, one row per key. rev is the object's mod revision (its resourceVersion).
CREATE TABLE objects (
  resource  TEXT    NOT NULL, -- '<group>/<resource>', 'core/pods' for the core group
  namespace TEXT    NOT NULL, -- '' for cluster-scoped kinds
  name      TEXT    NOT NULL,
  rev       INTEGER NOT NULL,
  value     TEXT    NOT NULL, -- the object as JSON, metadata.resourceVersion = rev
  PRIMARY KEY (resource, namespace, name)
) WITHOUT ROWID;

-- Change history for watches: one row per write, keyed by the global revision.
CREATE TABLE changes (
  rev       INTEGER PRIMARY KEY,
  resource  TEXT    NOT NULL,
  namespace TEXT    NOT NULL,
  name      TEXT    NOT NULL,
  type      TEXT    NOT NULL, -- ADDED | MODIFIED | DELETED
  value     TEXT    NOT NULL, -- the new state (DELETED: the last state, at the delete revision)
  prev      TEXT,             -- the state before (MODIFIED, DELETED), for selector transitions
  ts        INTEGER NOT NULL  -- clock time of the write, ms
);
CREATE INDEX changes_by_resource ON changes (resource, rev);

-- Small key/value facts: the compacted revision.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
