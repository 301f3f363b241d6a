/**
 * API errors as Kubernetes Status objects, with upstream reasons, codes and messages
 * (k8s.io/apimachinery/pkg/api/errors).
 */
import { type FieldError, errorBody, fieldErrorString } from './field-errors.js';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Gone'
  | 'Expired'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'Forbidden'
  | 'Unauthorized'
  | 'Timeout'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | '';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** group + resource, e.g. {group:'apps', resource:'deployments'} prints "deployments.apps". */
export interface GroupResource {
  group: string;
  resource: string;
}
/** group + kind, e.g. {group:'apps', kind:'Deployment'} prints "Deployment.apps". */
export interface GroupKind {
  group: string;
  kind: string;
}

export const grString = (gr: GroupResource) => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);
export const gkString = (gk: GroupKind) => (gk.group ? `${gk.kind}.${gk.group}` : gk.kind);

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    /** The Status's ListMeta (an expired list's continue token). */
    readonly listMeta?: { continue?: string },
  ) {
    super(message);
  }
  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: { ...this.listMeta }, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    return s;
  }
}

export function isApiError(e: unknown, reason?: StatusReason): e is ApiError {
  return e instanceof ApiError && (reason === undefined || e.reason === reason);
}

export const notFound = (gr: GroupResource, name: string) =>
  new ApiError(404, 'NotFound', `${grString(gr)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource });

export const alreadyExists = (gr: GroupResource, name: string) =>
  new ApiError(409, 'AlreadyExists', `${grString(gr)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource });

export const conflict = (gr: GroupResource, name: string, why: string) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${grString(gr)} "${name}": ${why}`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });

export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export function invalid(gk: GroupKind, name: string, errs: FieldError[]): ApiError {
  const causes = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const agg = errs.length === 1 ? fieldErrorString(errs[0]!) : `[${errs.map(fieldErrorString).join(', ')}]`;
  return new ApiError(422, 'Invalid', `${gkString(gk)} "${name}" is invalid: ${agg}`, {
    name,
    group: gk.group || undefined,
    kind: gk.kind,
    causes,
  });
}

export const badRequest = (message: string, causes?: StatusCause[]) =>
  new ApiError(400, 'BadRequest', message, causes ? { causes } : undefined);

export const methodNotSupported = (gr: GroupResource, verb: string) =>
  new ApiError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind ${JSON.stringify(grString(gr))}`, {
    group: gr.group || undefined,
    kind: gr.resource,
  });

/** Watch/list from a compacted resourceVersion (NewResourceExpired); `continueToken` goes in the Status's metadata. */
export const expired = (message: string, continueToken?: string) =>
  new ApiError(410, 'Expired', message, undefined, continueToken ? { continue: continueToken } : undefined);

/** storage.NewTooLargeResourceVersionError: a read at a revision the server has not reached (a 504 Timeout). */
export const tooLargeResourceVersion = (requested: number, current: number, retryAfterSeconds = 1) =>
  new ApiError(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds,
  });

export const requestEntityTooLarge = (limit: number) =>
  new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

export const unsupportedMediaType = (accepted: string[]) =>
  new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);

export const notAcceptable = (message: string) => new ApiError(406, 'NotAcceptable', message);

export const forbidden = (gr: GroupResource, name: string, why: string) =>
  new ApiError(403, 'Forbidden', `${grString(gr)}${name ? ` "${name}"` : ''} is forbidden: ${why}`, {
    name: name || undefined,
    group: gr.group || undefined,
    kind: gr.resource,
  });

export const internalError = (why: string) =>
  new ApiError(500, 'InternalError', `Internal error occurred: ${why}`, { causes: [{ message: why }] });

export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds });
