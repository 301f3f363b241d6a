/**
 * Query and path parameters of the generated OpenAPI operations, named and typed as upstream's
 * (every parameter schema carries `uniqueItems: true`, as upstream's generator emits it).
 * Descriptions are ours.
 */
export interface Param {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: { type: 'string' | 'integer' | 'boolean'; uniqueItems: true };
}

const q = (name: string, type: Param['schema']['type'], description: string): Param => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

export const P = {
  allowWatchBookmarks: q('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events on a watch; ignored otherwise.'),
  continue: q('continue', 'string', 'The continue token of the previous page of a paged list.'),
  dryRun: q('dryRun', 'string', 'All: run every stage of the request but persist nothing.'),
  fieldManager: q('fieldManager', 'string', 'The name of the actor making the change, recorded in managedFields.'),
  fieldManagerPatch: q(
    'fieldManager',
    'string',
    'The name of the actor making the change, recorded in managedFields. Required for apply patches.',
  ),
  fieldSelector: q('fieldSelector', 'string', 'Only objects whose fields match this selector. Default: everything.'),
  fieldValidation: q(
    'fieldValidation',
    'string',
    'What to do with unknown or duplicate fields in the body: Ignore (drop them), Warn (drop them with a warning; the default) or Strict (fail the request).',
  ),
  force: q('force', 'boolean', 'Take over fields other managers own, for apply patches; must be unset otherwise.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'Seconds before the object is deleted; 0 deletes at once. Default: the kind\'s own.'),
  ignoreStoreReadError: q(
    'ignoreStoreReadErrorWithClusterBreakingPotential',
    'boolean',
    'Delete an object that cannot be read from storage, skipping finalizers and preconditions. Dangerous.',
  ),
  labelSelector: q('labelSelector', 'string', 'Only objects whose labels match this selector. Default: everything.'),
  limit: q('limit', 'integer', 'The most items to return; the list metadata then carries a continue token for the rest.'),
  orphanDependents: q('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  pretty: q('pretty', 'string', "If 'true', pretty-print the output."),
  propagationPolicy: q('propagationPolicy', 'string', 'What happens to dependents: Orphan, Background or Foreground.'),
  resourceVersion: q('resourceVersion', 'string', 'Which version of the data the request may be served from.'),
  resourceVersionMatch: q('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  sendInitialEvents: q('sendInitialEvents', 'boolean', 'With watch=true: start with synthetic events for the current state, then a bookmark.'),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'End the list or watch call after this many seconds.'),
  watch: q('watch', 'boolean', 'Stream add, update and remove events instead of returning a list.'),
  // pods/log
  container: q('container', 'string', 'The container to use; optional when the pod has one container.'),
  follow: q('follow', 'boolean', 'Keep streaming the log as it grows.'),
  insecureSkipTLSVerifyBackend: q('insecureSkipTLSVerifyBackend', 'boolean', 'Skip verifying the kubelet serving certificate.'),
  limitBytes: q('limitBytes', 'integer', 'Stop after this many bytes of log.'),
  previous: q('previous', 'boolean', 'The log of the previous, terminated instance of the container.'),
  sinceSeconds: q('sinceSeconds', 'integer', 'Only lines newer than this many seconds.'),
  tailLines: q('tailLines', 'integer', 'Only this many lines from the end of the log.'),
  timestamps: q('timestamps', 'boolean', 'Prefix every line with an RFC3339 timestamp.'),
  // pods/exec, attach
  command: q('command', 'string', 'The command to run, one argument per parameter.'),
  stderr: q('stderr', 'boolean', 'Redirect the standard error stream.'),
  stdin: q('stdin', 'boolean', 'Redirect the standard input stream.'),
  stdout: q('stdout', 'boolean', 'Redirect the standard output stream.'),
  tty: q('tty', 'boolean', 'Allocate a terminal; stderr is then merged into stdout.'),
  // portforward, proxy
  ports: q('ports', 'integer', 'The ports to forward.'),
  proxyPath: q('path', 'string', 'The URL path to use for the proxied request.'),
};

export const namespaceParam: Param = {
  name: 'namespace',
  in: 'path',
  description: 'object name and auth scope, such as for teams and projects',
  required: true,
  schema: { type: 'string', uniqueItems: true },
};

export const nameParam = (kind: string): Param => ({
  name: 'name',
  in: 'path',
  description: `name of the ${kind}`,
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

export const pathParam: Param = {
  name: 'path',
  in: 'path',
  description: 'path to the resource',
  required: true,
  schema: { type: 'string', uniqueItems: true },
};

/** Parameters of a list / watch call. */
export const LIST_PARAMS = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
  P.watch,
];
export const CREATE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];
export const PATCH_PARAMS = [P.dryRun, P.fieldManagerPatch, P.fieldValidation, P.force];
export const DELETE_PARAMS = [P.dryRun, P.gracePeriodSeconds, P.ignoreStoreReadError, P.orphanDependents, P.propagationPolicy];
export const DELETECOLLECTION_PARAMS = [
  P.continue,
  P.dryRun,
  P.fieldSelector,
  P.gracePeriodSeconds,
  P.ignoreStoreReadError,
  P.labelSelector,
  P.limit,
  P.orphanDependents,
  P.propagationPolicy,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
];
export const LOG_PARAMS = [P.container, P.follow, P.insecureSkipTLSVerifyBackend, P.limitBytes, P.previous, P.sinceSeconds, P.tailLines, P.timestamps];
export const EXEC_PARAMS = [P.command, P.container, P.stderr, P.stdin, P.stdout, P.tty];
export const ATTACH_PARAMS = [P.container, P.stderr, P.stdin, P.stdout, P.tty];
