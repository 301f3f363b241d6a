/**
 * How the apiserver turns patch-library errors into Status errors
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go: applyJSPatch, interpretStrategicMergePatchError,
 * and responsewriters.ErrorToAPIStatus for plain errors).
 */
import { ApiError, badRequest } from '../errors.js';

export type PatchKind = 'json' | 'merge' | 'strategic';

/** Sentinel errors of k8s.io/apimachinery/pkg/util/mergepatch and evanphx/json-patch. */
export const SENTINEL = {
  ErrBadJSONDoc: 'invalid JSON document',
  ErrNoListOfLists: 'lists of lists are not supported',
  ErrBadPatchFormatForPrimitiveList: 'invalid patch format of primitive list',
  ErrBadPatchFormatForRetainKeys: 'invalid patch format of retainKeys',
  ErrBadPatchFormatForSetElementOrderList: 'invalid patch format of setElementOrder list',
  ErrPatchContentNotMatchRetainKeys: "patch content doesn't match retainKeys list",
  ErrUnsupportedStrategicMergePatchFormat: 'strategic merge patch format is not supported',
  // evanphx/json-patch merge.go
  ErrBadJSONMergeDoc: 'Invalid JSON Document',
  ErrBadJSONPatch: 'Invalid JSON Patch',
} as const;
export type Sentinel = keyof typeof SENTINEL;

/** An error from a patch library, with the library's own text. */
export class PatchError extends Error {
  constructor(
    readonly patchKind: PatchKind,
    /** 'decode': the patch document itself is malformed; 'apply': it does not apply to the object. */
    readonly stage: 'decode' | 'apply',
    message: string,
    readonly sentinel?: Sentinel,
  ) {
    super(message);
  }
}

export const sentinelError = (kind: PatchKind, s: Sentinel) => new PatchError(kind, 'apply', SENTINEL[s], s);

const SMP_BAD_REQUEST: Sentinel[] = [
  'ErrBadJSONDoc',
  'ErrBadPatchFormatForPrimitiveList',
  'ErrBadPatchFormatForRetainKeys',
  'ErrBadPatchFormatForSetElementOrderList',
  'ErrUnsupportedStrategicMergePatchFormat',
];
const SMP_UNPROCESSABLE: Sentinel[] = ['ErrNoListOfLists', 'ErrPatchContentNotMatchRetainKeys'];

/** errors.NewGenericServerResponse(422, "", GroupResource{}, "", msg, 0, false): the text is dropped. */
function genericUnprocessable(): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

/** A plain Go error reaching the handler: ErrorToAPIStatus gives 500 with reason Unknown (""). */
function unknownError(message: string): ApiError {
  return new ApiError(500, '', message);
}

/** Map an error thrown while applying a patch to the Status error the apiserver answers with. */
export function patchError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  let out: ApiError;
  if (err instanceof PatchError) {
    if (err.stage === 'decode') out = badRequest(err.message);
    else if (err.patchKind === 'json') out = genericUnprocessable();
    else if (err.patchKind === 'merge') out = err.sentinel === 'ErrBadJSONPatch' ? badRequest(err.message) : unknownError(err.message);
    else if (err.sentinel && SMP_BAD_REQUEST.includes(err.sentinel)) out = badRequest(err.message);
    else if (err.sentinel && SMP_UNPROCESSABLE.includes(err.sentinel)) out = genericUnprocessable();
    else out = unknownError(err.message);
  } else {
    out = unknownError(err instanceof Error ? err.message : String(err));
  }
  (out as Error).cause = err;
  return out;
}
