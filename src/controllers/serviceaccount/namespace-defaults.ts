/**
 * Two small controllers every namespace feels on a real cluster:
 * - the service account controller (pkg/controller/serviceaccount/serviceaccounts_controller.go)
 *   keeps a `default` ServiceAccount in every active namespace, recreating it when deleted;
 * - the root CA publisher (pkg/controller/certificates/rootcacertpublisher) keeps the
 *   `kube-root-ca.crt` ConfigMap in every namespace, restoring its data when changed.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';

/** The CA bundle kubemu publishes (there is no TLS by default; clients that mount it get a well-formed PEM). */
export const kubemuRootCA = `-----BEGIN CERTIFICATE-----
MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrdWJlbXUt
c2VydmVyLWNhQDE3MDQwNjcyMDAwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAw
MDAwWjAjMSEwHwYDVQQDDBhrdWJlbXUtc2VydmVyLWNhQDE3MDQwNjcyMDAwWTAT
BgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ0a2J1YmVtdS1yb290LWNhLXB1YmxpYy1r
ZXktcGxhY2Vob2xkZXItZm9yLXRlc3RzLW9ubHktMDEyMzQ1Njc4OWFiY2RlZqNC
MEAwDgYDVR0PAQH/BAQDAgKkMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFGt1
YmVtdWt1YmVtdWt1YmVtdWt1MAoGCCqGSM49BAMCA0gAMEUCIQDrdWJlbXUta3Vi
ZW11LWt1YmVtdS1rdWJlbXUtAiBrdWJlbXUta3ViZW11LWt1YmVtdS1rdWJlbXUt
-----END CERTIFICATE-----
`;

export const RootCACertConfigMapName = 'kube-root-ca.crt';
const descriptionAnnotation = 'kubernetes.io/description';
const rootCADescription =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const active = (ns: KObject | undefined) =>
  !!ns && !ns.metadata.deletionTimestamp && (ns.status as { phase?: string } | undefined)?.phase !== 'Terminating';

/** Shared shape: one key per namespace; a namespace event or a change to the managed object enqueues it. */
abstract class PerNamespaceController extends Controller {
  protected readonly namespaces: Informer;
  protected readonly objects: Informer;
  protected readonly rc: ResourceClient;

  constructor(ctx: ControllerContext, name: string, resource: string, readonly objectName: string) {
    super(name, ctx.clock);
    this.namespaces = ctx.informers.for('', 'namespaces');
    this.objects = ctx.informers.for('', resource);
    this.rc = ctx.client.resource('', resource);
    this.namespaces.addEventHandler({ onAdd: (ns) => this.enqueue(ns.metadata.name!), onUpdate: (_o, ns) => this.enqueue(ns.metadata.name!) });
    const own = (o: KObject) => o.metadata.name === this.objectName && this.enqueue(o.metadata.namespace!);
    this.objects.addEventHandler({ onUpdate: (_o, n) => own(n), onDelete: own });
  }

  sync(namespace: string): SyncResult | void {
    if (!active(this.namespaces.get('', namespace))) return;
    try {
      this.ensure(namespace, this.objects.get(namespace, this.objectName));
    } catch (e) {
      // A namespace that started terminating meanwhile, or a create racing another: not an error.
      if (isApiError(e, 'AlreadyExists') || isApiError(e, 'Forbidden') || isApiError(e, 'NotFound')) return;
      throw e;
    }
  }

  protected abstract ensure(namespace: string, current: KObject | undefined): void;
}

export class ServiceAccountsController extends PerNamespaceController {
  constructor(ctx: ControllerContext) {
    super(ctx, 'serviceaccount-controller', 'serviceaccounts', 'default');
  }
  protected ensure(namespace: string, current: KObject | undefined): void {
    if (!current) this.rc.create(namespace, { metadata: { name: 'default', namespace } });
  }
}

export class RootCACertPublisher extends PerNamespaceController {
  constructor(ctx: ControllerContext) {
    super(ctx, 'root-ca-cert-publisher', 'configmaps', RootCACertConfigMapName);
  }
  protected ensure(namespace: string, current: KObject | undefined): void {
    const data = { 'ca.crt': kubemuRootCA };
    if (!current) {
      this.rc.create(namespace, { metadata: { name: RootCACertConfigMapName, namespace, annotations: { [descriptionAnnotation]: rootCADescription } }, data });
      return;
    }
    const cur = current as KObject & { data?: Record<string, string> };
    if (cur.data?.['ca.crt'] !== kubemuRootCA || Object.keys(cur.data ?? {}).length !== 1 || cur.metadata.annotations?.[descriptionAnnotation] !== rootCADescription)
      this.rc.update(namespace, { ...cur, data, metadata: { ...cur.metadata, annotations: { ...(cur.metadata.annotations ?? {}), [descriptionAnnotation]: rootCADescription } } });
  }
}
