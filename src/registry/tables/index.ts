/**
 * Server-side printing for every kind, keyed by `<resource>.<group>` (core resources by plural
 * alone): the TableConvertor a ResourceDef's `table` uses. Kinds without an entry use
 * defaultTableConvertor, as upstream's rest.NewDefaultTableConvertor.
 */
import type { TableConvertor } from '../resource-def.js';
import { defaultTableConvertor } from './common.js';
import { behaviorTable } from './behavior.js';
import { configMapTable } from './configmap.js';
import { cronJobTable } from './cronjob.js';
import { deploymentTable } from './deployment.js';
import { endpointSliceTable } from './endpoint-slice.js';
import { endpointsTable } from './endpoints.js';
import { eventTable } from './event.js';
import { hpaTable } from './hpa.js';
import { jobTable } from './job.js';
import { leaseTable } from './lease.js';
import { namespaceTable } from './namespace.js';
import { nodeTable } from './node.js';
import { persistentVolumeClaimTable } from './persistent-volume-claim.js';
import { persistentVolumeTable } from './persistent-volume.js';
import { podTable } from './pod.js';
import { replicaSetTable } from './replicaset.js';
import { secretTable } from './secret.js';
import { serviceAccountTable } from './service-account.js';
import { serviceTable } from './service.js';
import { storageClassTable } from './storage-class.js';

export const tables: Record<string, TableConvertor> = {
  pods: podTable,
  nodes: nodeTable,
  namespaces: namespaceTable,
  services: serviceTable,
  endpoints: endpointsTable,
  configmaps: configMapTable,
  secrets: secretTable,
  events: eventTable,
  serviceaccounts: serviceAccountTable,
  persistentvolumes: persistentVolumeTable,
  persistentvolumeclaims: persistentVolumeClaimTable,
  'deployments.apps': deploymentTable,
  'replicasets.apps': replicaSetTable,
  'jobs.batch': jobTable,
  'cronjobs.batch': cronJobTable,
  'horizontalpodautoscalers.autoscaling': hpaTable,
  'endpointslices.discovery.k8s.io': endpointSliceTable,
  'events.events.k8s.io': eventTable,
  'leases.coordination.k8s.io': leaseTable,
  'storageclasses.storage.k8s.io': storageClassTable,
  'behaviors.kubemu.dev': behaviorTable,
};

/** The table for a resource: its printer, or the default Name / Created At table. */
export function tableFor(resource: string, group: string): TableConvertor {
  return tables[group ? `${resource}.${group}` : resource] ?? defaultTableConvertor;
}

export { defaultTableConvertor };
