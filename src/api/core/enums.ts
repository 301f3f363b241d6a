/**
 * Values of the core/v1 string types upstream marks `+enum`, as its OpenAPI lists them (sorted). A
 * field of such a type is `enumStr(LIST)`: still a plain string for decoding (validation reports
 * upstream's `Unsupported value` errors), with the values as meta `enum` for the OpenAPI documents.
 */
import { z } from 'zod';

/**
 * A string whose upstream Go type is an enum: meta `enum` carries the values (sorted, as upstream's
 * generator lists them) for the OpenAPI documents only; parsing accepts any string.
 */
export function enumStr(values: readonly string[]): z.ZodString {
  return z.string().meta({ enum: [...values].sort() });
}

export const PROTOCOL = ['SCTP', 'TCP', 'UDP'] as const;
export const PULL_POLICY = ['Always', 'IfNotPresent', 'Never'] as const;
export const TERMINATION_MESSAGE_POLICY = ['FallbackToLogsOnError', 'File'] as const;
export const MOUNT_PROPAGATION_MODE = ['Bidirectional', 'HostToContainer', 'None'] as const;
export const URI_SCHEME = ['HTTP', 'HTTPS'] as const;
export const RESTART_POLICY = ['Always', 'Never', 'OnFailure'] as const;
export const DNS_POLICY = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
export const PREEMPTION_POLICY = ['Never', 'PreemptLowerPriority'] as const;
export const POD_PHASE = ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'] as const;
export const POD_QOS_CLASS = ['BestEffort', 'Burstable', 'Guaranteed'] as const;
export const NODE_SELECTOR_OPERATOR = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] as const;
export const TAINT_EFFECT = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] as const;
export const TOLERATION_OPERATOR = ['Equal', 'Exists'] as const;
export const UNSATISFIABLE_CONSTRAINT_ACTION = ['DoNotSchedule', 'ScheduleAnyway'] as const;
export const NODE_INCLUSION_POLICY = ['Honor', 'Ignore'] as const;
export const FS_GROUP_CHANGE_POLICY = ['Always', 'OnRootMismatch'] as const;
export const SUPPLEMENTAL_GROUPS_POLICY = ['Merge', 'Strict'] as const;
export const SECCOMP_PROFILE_TYPE = ['Localhost', 'RuntimeDefault', 'Unconfined'] as const;
export const APP_ARMOR_PROFILE_TYPE = ['Localhost', 'RuntimeDefault', 'Unconfined'] as const;
export const PROC_MOUNT_TYPE = ['Default', 'Unmasked'] as const;
export const SERVICE_TYPE = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const SERVICE_AFFINITY = ['ClientIP', 'None'] as const;
export const SERVICE_TRAFFIC_POLICY = ['Cluster', 'Local'] as const;
export const IP_FAMILY_POLICY = ['PreferDualStack', 'RequireDualStack', 'SingleStack'] as const;
export const HOST_PATH_TYPE = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'] as const;
export const AZURE_DATA_DISK_CACHING_MODE = ['None', 'ReadOnly', 'ReadWrite'] as const;
export const AZURE_DATA_DISK_KIND = ['Dedicated', 'Managed', 'Shared'] as const;
export const PERSISTENT_VOLUME_RECLAIM_POLICY = ['Delete', 'Recycle', 'Retain'] as const;
export const PERSISTENT_VOLUME_MODE = ['Block', 'Filesystem'] as const;
export const PERSISTENT_VOLUME_PHASE = ['Available', 'Bound', 'Failed', 'Pending', 'Released'] as const;
export const PERSISTENT_VOLUME_CLAIM_PHASE = ['Bound', 'Lost', 'Pending'] as const;
export const PVC_MODIFY_VOLUME_STATUS = ['InProgress', 'Infeasible', 'Pending'] as const;
export const NAMESPACE_PHASE = ['Active', 'Terminating'] as const;
export const NODE_PHASE = ['Pending', 'Running', 'Terminated'] as const;
