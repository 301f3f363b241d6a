/**
 * Resource rows for autoscaling (HorizontalPodAutoscaler: autoscaling/v2 stored, autoscaling/v1 served
 * by conversion) and metrics.k8s.io (PodMetrics, NodeMetrics: not stored, answered by the metrics
 * provider). Spread into the resource table in resources.ts.
 */
import type { FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import { HorizontalPodAutoscaler } from '../api/autoscaling/hpa-v2.js';
import { HorizontalPodAutoscalerV1 } from '../api/autoscaling/hpa-v1.js';
import { defaultHPA, defaultHPAV1, validateHPA, validateHPAStatusUpdate, validateHPAUpdate } from '../api/autoscaling/hpa-validation.js';
import { hpaFromV1, hpaToV1 } from '../api/autoscaling/hpa-conversion.js';
import { NodeMetrics, PodMetrics } from '../api/metrics/metrics.js';
import { tableFor } from './tables/index.js';
import type { ResourceDef } from './resource-def.js';

const v = (f: (o: never) => FieldError[]) => f as unknown as (o: KObject) => FieldError[];
const vu = (f: (o: never, old: never) => FieldError[]) => f as unknown as (o: KObject, old: KObject) => FieldError[];
const d = (f: (o: never) => void) => f as unknown as (o: KObject) => void;

const hpaRow = {
  group: 'autoscaling', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'], categories: ['all'], namespaced: true,
  table: tableFor('horizontalpodautoscalers', 'autoscaling'),
} as const;

export const autoscalingResources: ResourceDef[] = [
  {
    ...hpaRow, version: 'v2', shortNames: ['hpa'], categories: ['all'],
    schema: HorizontalPodAutoscaler, schemaId: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
    strategy: { defaults: d(defaultHPA), validate: v(validateHPA), validateUpdate: vu(validateHPAUpdate) },
    subresources: { status: { validateUpdate: vu(validateHPAStatusUpdate) } },
  },
  {
    ...hpaRow, version: 'v1', shortNames: ['hpa'], categories: ['all'],
    schema: HorizontalPodAutoscalerV1, schemaId: 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
    strategy: { defaults: d(defaultHPAV1), validate: () => [] },
    subresources: { status: {} },
    conversion: { storageVersion: 'v2', toStorage: hpaFromV1, fromStorage: hpaToV1 },
  },
  {
    group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', resource: 'pods', singular: '', namespaced: true,
    schema: PodMetrics, schemaId: 'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics', verbs: ['get', 'list'],
    strategy: { validate: () => [] }, virtual: 'metrics',
  },
  {
    group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', resource: 'nodes', singular: '', namespaced: false,
    schema: NodeMetrics, schemaId: 'io.k8s.metrics.pkg.apis.metrics.v1beta1.NodeMetrics', verbs: ['get', 'list'],
    strategy: { validate: () => [] }, virtual: 'metrics',
  },
];
