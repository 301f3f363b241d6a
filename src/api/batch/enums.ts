/** Values of the batch/v1 string types upstream marks `+enum`, sorted as its OpenAPI lists them
 * (ConcurrencyPolicy's values are `ConcurrencyPolicies` in cronjob.ts). */
export const COMPLETION_MODE = ['Indexed', 'NonIndexed'] as const;
export const POD_REPLACEMENT_POLICY = ['Failed', 'TerminatingOrFailed'] as const;
export const POD_FAILURE_POLICY_ACTION = ['Count', 'FailIndex', 'FailJob', 'Ignore'] as const;
export const POD_FAILURE_POLICY_ON_EXIT_CODES_OPERATOR = ['In', 'NotIn'] as const;
