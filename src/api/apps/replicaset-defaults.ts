/** SetDefaults_ReplicaSet (pkg/apis/apps/v1/defaults.go) plus the pod template's defaults. */
import { defaultPodTemplateSpec } from '../core/pod-defaults.js';
import type { ReplicaSetT } from './replicaset.js';

export function defaultReplicaSet(rs: ReplicaSetT): void {
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSetT['spec']>);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.template) defaultPodTemplateSpec(spec.template);
}
