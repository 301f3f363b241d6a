/** Deployments: printDeployment (READY "2/3", UP-TO-DATE, AVAILABLE; wide CONTAINERS, IMAGES, SELECTOR). */
import type { TableConvertor } from '../resource-def.js';
import {
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  age,
  ageColumn,
  col,
  int,
  labelSelectorString,
  layoutContainerCells,
  meta,
  nameColumn,
  rec,
  str,
} from './common.js';

export const deploymentTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn(),
    col('Containers', 'string', CONTAINERS_DESCRIPTION, { priority: 1 }),
    col('Images', 'string', IMAGES_DESCRIPTION, { priority: 1 }),
    col('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const [containers, images] = layoutContainerCells(rec(rec(spec.template).spec).containers);
    const selector = labelSelectorString(spec.selector);
    return [
      str(meta(obj).name),
      `${int(status.readyReplicas)}/${int(spec.replicas)}`,
      int(status.updatedReplicas),
      int(status.availableReplicas),
      age(obj, now),
      containers,
      images,
      selector === undefined ? '<invalid>' : selector,
    ];
  },
};
