/** Container validation (validateContainerCommon and what it calls), with upstream's messages. */
import { type FieldError, Path, duplicate, forbidden, invalid, notFound, notSupported, required } from '../field-errors.js';
import { nameIsDNSSubdomain } from '../validation.js';
import type { Container, EnvFromSource, EnvVar, Lifecycle, LifecycleHandler, Probe, SecurityContext, VolumeMount } from './pod.js';
import { validateResourceRequirements } from './pod-validation-resources.js';
import { validateContainerResourceFieldSelector, validateObjectFieldSelector } from './pod-validation-selectors.js';
import {
  each,
  isConfigMapKey,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  validateDNS1123Label,
  validateLocalDescendingPath,
  validateNonnegativeField,
  validatePortNumOrName,
} from './pod-validation-util.js';

const envFieldPaths = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];

export function validateContainerPorts(ports: Container['ports'], p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const ip = p.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...each(ip.child('name'), port.name, msgs));
      else if (names.has(port.name)) errs.push(duplicate(ip.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(ip.child('containerPort')));
    else errs.push(...each(ip.child('containerPort'), port.containerPort, isValidPortNum(port.containerPort)));
    if (port.hostPort) errs.push(...each(ip.child('hostPort'), port.hostPort, isValidPortNum(port.hostPort)));
    if (!port.protocol) errs.push(required(ip.child('protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(ip.child('protocol'), port.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** checkHostPortConflicts: "<protocol>/<hostIP>/<hostPort>" must be unique. */
export function checkHostPortConflicts(containers: Container[], p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(p.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateKeySelector(s: { name?: string; key?: string }, p: Path): FieldError[] {
  const errs = each(p.child('name'), s.name ?? '', nameIsDNSSubdomain(s.name ?? '', false));
  if (!s.key) errs.push(required(p.child('key')));
  else errs.push(...each(p.child('key'), s.key, isConfigMapKey(s.key)));
  return errs;
}

function validateEnvVarValueFrom(ev: EnvVar, p: Path): FieldError[] {
  const vf = ev.valueFrom;
  if (!vf) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (vf.fieldRef) {
    n++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, envFieldPaths, p.child('fieldRef')));
  }
  if (vf.resourceFieldRef) {
    n++;
    errs.push(...validateContainerResourceFieldSelector(vf.resourceFieldRef, p.child('resourceFieldRef'), false));
  }
  if (vf.configMapKeyRef) {
    n++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, p.child('configMapKeyRef')));
  }
  if (vf.secretKeyRef) {
    n++;
    errs.push(...validateKeySelector(vf.secretKeyRef, p.child('secretKeyRef')));
  }
  if (n === 0) errs.push(invalid(p, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(invalid(p, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(invalid(p, '', 'may not have more than one field specified at a time'));
  return errs;
}

export function validateEnv(vars: EnvVar[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const ip = p.index(i);
    if (!ev.name) errs.push(required(ip.child('name')));
    errs.push(...each(ip.child('name'), ev.name ?? '', isRelaxedEnvVarName(ev.name ?? '')));
    errs.push(...validateEnvVarValueFrom(ev, ip.child('valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(vars: EnvFromSource[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const ip = p.index(i);
    if (ev.prefix) errs.push(...each(ip.child('prefix'), ev.prefix, isRelaxedEnvVarName(ev.prefix)));
    let n = 0;
    for (const [field, ref] of [['configMapRef', ev.configMapRef], ['secretRef', ev.secretRef]] as const) {
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(ip.child(field, 'name')));
      else errs.push(...each(ip.child(field, 'name'), ref.name, nameIsDNSSubdomain(ref.name, true)));
    }
    if (n === 0) errs.push(invalid(p, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(p, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

export function validateVolumeMounts(mounts: VolumeMount[] | undefined, c: Container, volumes: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  const devNames = new Set((c.volumeDevices ?? []).map((d) => d.name));
  const devPaths = new Set((c.volumeDevices ?? []).map((d) => d.devicePath));
  (mounts ?? []).forEach((m, i) => {
    const ip = p.index(i);
    if (!m.name) errs.push(required(ip.child('name')));
    if (!volumes.has(m.name)) errs.push(notFound(ip.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(ip.child('mountPath')));
    if (points.has(m.mountPath)) errs.push(invalid(ip.child('mountPath'), m.mountPath, 'must be unique'));
    points.add(m.mountPath);
    if (devNames.has(m.name)) errs.push(invalid(ip.child('name'), m.name, 'must not already exist in volumeDevices'));
    if (devPaths.has(m.mountPath)) errs.push(invalid(ip.child('mountPath'), m.mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream reports these two on the list path, without the index.
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, p.child('subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(ip.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, p.child('subPathExpr')));
    }
    if (m.mountPropagation) {
      const mp = p.child('mountPropagation');
      const ok = ['Bidirectional', 'HostToContainer', 'None'];
      if (!ok.includes(m.mountPropagation)) errs.push(notSupported(mp, m.mountPropagation, ok));
      if (m.mountPropagation === 'Bidirectional' && c.securityContext?.privileged !== true)
        errs.push(forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    if (m.recursiveReadOnly) {
      const rp = p.child('recursiveReadOnly');
      const ok = ['Disabled', 'Enabled', 'IfPossible'];
      if (!ok.includes(m.recursiveReadOnly)) errs.push(notSupported(rp, m.recursiveReadOnly, ok));
      else if (m.recursiveReadOnly !== 'Disabled' && !m.readOnly) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
    }
  });
  return errs;
}

function validateHandler(h: Partial<LifecycleHandler> & { grpc?: Probe['grpc'] }, gracePeriod: number | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (name: string, check: () => FieldError[]) => {
    if (n > 0) errs.push(forbidden(p.child(name), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec) one('exec', () => ((h.exec!.command ?? []).length ? [] : [required(p.child('exec', 'command'))]));
  if (h.httpGet)
    one('httpGet', () => {
      const g = h.httpGet!;
      const hp = p.child('httpGet');
      const e: FieldError[] = [];
      if (!g.path) e.push(required(hp.child('path')));
      e.push(...validatePortNumOrName(g.port, hp.child('port')));
      if (!['HTTP', 'HTTPS'].includes(g.scheme ?? '')) e.push(notSupported(hp.child('scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const hd of g.httpHeaders ?? []) e.push(...each(hp.child('httpHeaders'), hd.name, isHTTPHeaderName(hd.name ?? '')));
      return e;
    });
  if (h.tcpSocket) one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, p.child('tcpSocket', 'port')));
  if (h.grpc) one('grpc', () => each(p.child('grpc', 'port'), h.grpc!.port, isValidPortNum(h.grpc!.port)));
  if (h.sleep)
    one('sleep', () => {
      const s = h.sleep!.seconds;
      const gp = gracePeriod ?? 30;
      return s <= 0 || s > gp ? [invalid(p.child('sleep'), s, `must be greater than 0 and less than terminationGracePeriodSeconds (${gp})`)] : [];
    });
  if (n === 0) errs.push(required(p, 'must specify a handler type'));
  return errs;
}

export function validateLifecycle(l: Lifecycle, gracePeriod: number | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (l.postStart) errs.push(...validateHandler(l.postStart, gracePeriod, p.child('postStart')));
  if (l.preStop) errs.push(...validateHandler(l.preStop, gracePeriod, p.child('preStop')));
  return errs;
}

export function validateProbe(probe: Probe | undefined, gracePeriod: number | undefined, p: Path, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const { exec, httpGet, tcpSocket, grpc } = probe;
  const errs = validateHandler({ exec, httpGet, tcpSocket, grpc }, gracePeriod, p);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const)
    errs.push(...validateNonnegativeField(probe[f], p.child(f)));
  const tg = probe.terminationGracePeriodSeconds;
  if (tg !== undefined && tg !== null && tg <= 0) errs.push(invalid(p.child('terminationGracePeriodSeconds'), tg, 'must be greater than 0'));
  if (kind !== 'readiness' && probe.successThreshold !== 1) errs.push(invalid(p.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  if (kind === 'readiness' && tg !== undefined && tg !== null)
    errs.push(invalid(p.child('terminationGracePeriodSeconds'), tg, 'must not be set for readinessProbes'));
  return errs;
}

export function validateSeccompProfile(sp: { type?: string; localhostProfile?: string } | undefined, p: Path): FieldError[] {
  if (!sp) return [];
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined) return [required(p.child('localhostProfile'), 'must be set when seccomp type is Localhost')];
    return validateLocalDescendingPath(sp.localhostProfile, p.child('localhostProfile'));
  }
  if (sp.type === 'RuntimeDefault' || sp.type === 'Unconfined')
    return sp.localhostProfile !== undefined ? [invalid(p.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost')] : [];
  return [notSupported(p.child('type'), sp.type ?? '', ['Localhost', 'RuntimeDefault', 'Unconfined'])];
}

export function validateSecurityContext(sc: SecurityContext | undefined, p: Path): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser !== undefined) errs.push(...each(p.child('runAsUser'), sc.runAsUser, isValidUserID(sc.runAsUser)));
  if (sc.runAsGroup !== undefined) errs.push(...each(p.child('runAsGroup'), sc.runAsGroup, isValidUserID(sc.runAsGroup)));
  if (sc.procMount !== undefined && !['Default', 'Unmasked'].includes(sc.procMount))
    errs.push(notSupported(p.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
  errs.push(...validateSeccompProfile(sc.seccompProfile, p.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged) errs.push(invalid(p, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? [])
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(p, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  return errs;
}

/** validateContainerCommon */
export function validateContainerCommon(c: Container, volumes: Set<string>, claimNames: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(p.child('name')));
  else errs.push(...validateDNS1123Label(c.name, p.child('name')));
  if (!c.image) errs.push(required(p.child('image')));
  const tmp = p.child('terminationMessagePolicy');
  if (!c.terminationMessagePolicy) errs.push(required(tmp, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (!['File', 'FallbackToLogsOnError'].includes(c.terminationMessagePolicy))
    errs.push(notSupported(tmp, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, p.child('ports')));
  errs.push(...validateEnv(c.env, p.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, p.child('envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, c, volumes, p.child('volumeMounts')));
  (c.volumeDevices ?? []).forEach((d, i) => {
    const dp = p.child('volumeDevices').index(i);
    if (!d.name) errs.push(required(dp.child('name')));
    if (!volumes.has(d.name)) errs.push(notFound(dp.child('name'), d.name ?? ''));
    if (!d.devicePath) errs.push(required(dp.child('devicePath')));
  });
  const pp = p.child('imagePullPolicy');
  if (!c.imagePullPolicy) errs.push(required(pp));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy))
    errs.push(notSupported(pp, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResourceRequirements(c.resources, claimNames, p.child('resources')));
  errs.push(...validateSecurityContext(c.securityContext, p.child('securityContext')));
  return errs;
}
