/** SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go) plus the pod template's defaults. */
import { defaultPodTemplateSpec } from '../core/pod-defaults.js';
import type { DeploymentT } from './deployment.js';

export function defaultDeployment(d: DeploymentT): void {
  const spec = (d.spec ??= {} as NonNullable<DeploymentT['spec']>);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  if (spec.template) defaultPodTemplateSpec(spec.template);
}
