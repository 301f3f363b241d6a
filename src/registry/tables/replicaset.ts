/** ReplicaSets: printReplicaSet (DESIRED, CURRENT, READY; wide CONTAINERS, IMAGES, SELECTOR). */
import type { TableConvertor } from '../resource-def.js';
import {
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  age,
  ageColumn,
  col,
  formatLabelSelector,
  int,
  layoutContainerCells,
  meta,
  nameColumn,
  rec,
  str,
} from './common.js';

export const replicaSetTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    ageColumn(),
    col('Containers', 'string', CONTAINERS_DESCRIPTION, { priority: 1 }),
    col('Images', 'string', IMAGES_DESCRIPTION, { priority: 1 }),
    col('Selector', 'string', 'Selector is a label query over pods that should match the replica count.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const [containers, images] = layoutContainerCells(rec(rec(spec.template).spec).containers);
    return [
      str(meta(obj).name),
      int(spec.replicas),
      int(status.replicas),
      int(status.readyReplicas),
      age(obj, now),
      containers,
      images,
      formatLabelSelector(spec.selector),
    ];
  },
};
