/**
 * HorizontalPodAutoscalers (autoscaling): printHorizontalPodAutoscaler. TARGETS follows
 * formatHPAMetrics ("cpu: 50%/80%", "<unknown>/100m (avg)", at most two, then " + N more...").
 * autoscaling/v1 objects are read as their conversion to the internal type makes them
 * (targetCPUUtilizationPercentage becomes a cpu Resource metric).
 */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, arr, col, int, meta, nameColumn, quantityString, rec, str } from './common.js';

const q = (v: unknown) => quantityString(v);

/** spec.metrics and status.currentMetrics as the internal (v2) type has them. */
export function hpaMetrics(hpa: J): { specs: J[]; statuses: J[] } {
  const spec = rec(hpa.spec);
  const status = rec(hpa.status);
  let specs = arr(spec.metrics);
  let statuses = arr(status.currentMetrics);
  if (spec.metrics == null && typeof spec.targetCPUUtilizationPercentage === 'number') {
    specs = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  }
  if (status.currentMetrics == null && typeof status.currentCPUUtilizationPercentage === 'number') {
    statuses = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
  }
  return { specs, statuses };
}

/** formatHPAMetrics: statuses are matched to specs by position, as upstream does. */
export function formatHPAMetrics(specs: J[], statuses: J[]): string {
  if (specs.length === 0) return '<none>';
  let list: string[] = [];
  const max = 2;
  let more = false;
  let count = 0;
  specs.forEach((spec, i) => {
    const st = i < statuses.length ? rec(statuses[i]) : undefined;
    switch (spec?.type) {
      case 'External': {
        const target = rec(rec(spec.external).target);
        const cur = st?.external != null ? rec(rec(st.external).current) : undefined;
        if (target.averageValue != null) {
          const current = cur && cur.averageValue != null ? q(cur.averageValue) : '<unknown>';
          list.push(`${current}/${q(target.averageValue)} (avg)`);
        } else {
          const current = cur ? q(cur.value) : '<unknown>';
          list.push(`${current}/${q(target.value)}`);
        }
        break;
      }
      case 'Pods': {
        const target = rec(rec(spec.pods).target);
        const current = st?.pods != null ? q(rec(rec(st.pods).current).averageValue) : '<unknown>';
        list.push(`${current}/${q(target.averageValue)}`);
        break;
      }
      case 'Object': {
        const target = rec(rec(spec.object).target);
        const cur = st?.object != null ? rec(rec(st.object).current) : undefined;
        if (target.averageValue != null) {
          const current = cur && cur.averageValue != null ? q(cur.averageValue) : '<unknown>';
          list.push(`${current}/${q(target.averageValue)} (avg)`);
        } else {
          const current = cur ? q(cur.value) : '<unknown>';
          list.push(`${current}/${q(target.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const source = rec(spec[key]);
        const target = rec(source.target);
        const cur = st?.[key] != null ? rec(rec(st[key]).current) : undefined;
        if (target.averageValue != null) {
          const current = cur ? q(cur.averageValue) : '<unknown>';
          list.push(`${str(source.name)}: ${current}/${q(target.averageValue)}`);
        } else {
          const current = cur && cur.averageUtilization != null ? `${int(cur.averageUtilization)}%` : '<unknown>';
          const tgt = target.averageUtilization != null ? `${int(target.averageUtilization)}%` : '<auto>';
          list.push(`${str(source.name)}: ${current}/${tgt}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
    count++;
  });
  if (count > max) {
    list = list.slice(0, max);
    more = true;
  }
  const ret = list.join(', ');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const hpaTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Reference', 'string', 'The target resource to scale, kind/name.'),
    col('Targets', 'string', 'The metrics used to compute the desired replica count, current/target.'),
    col('MinPods', 'string', 'The lower limit for the number of replicas.'),
    col('MaxPods', 'string', 'The upper limit for the number of replicas.'),
    col('Replicas', 'string', 'The current number of replicas of pods managed by this autoscaler.'),
    ageColumn(),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const ref = rec(spec.scaleTargetRef);
    const { specs, statuses } = hpaMetrics(obj);
    return [
      str(meta(obj).name),
      `${str(ref.kind)}/${str(ref.name)}`,
      formatHPAMetrics(specs, statuses),
      spec.minReplicas != null ? String(int(spec.minReplicas)) : '<unset>',
      int(spec.maxReplicas),
      int(rec(obj.status).currentReplicas),
      age(obj, now),
    ];
  },
};
