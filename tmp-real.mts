import { buildOpenApiV3 } from './src/http/openapi.js';
import { Pod } from './src/api/core/pod.js';
import { Deployment } from './src/api/apps/deployment.js';
import { Service } from './src/api/core/service.js';
import { Event } from './src/api/core/event.js';
import { Node } from './src/api/core/node.js';
import { refsIn } from './src/http/openapi-schemas.js';
const st = { validate: () => [] };
const rs: any[] = [
 { group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', namespaced: true, schema: Pod, schemaId: 'io.k8s.api.core.v1.Pod', strategy: st, gracefulDelete: true, subresources: { status: {}, binding: true, eviction: true } },
 { group: '', version: 'v1', kind: 'Service', resource: 'services', singular: 'service', namespaced: true, schema: Service, schemaId: 'io.k8s.api.core.v1.Service', strategy: st },
 { group: '', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', namespaced: true, schema: Event, schemaId: 'io.k8s.api.core.v1.Event', strategy: st },
 { group: '', version: 'v1', kind: 'Node', resource: 'nodes', singular: 'node', namespaced: false, schema: Node, schemaId: 'io.k8s.api.core.v1.Node', strategy: st },
 { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', namespaced: true, schema: Deployment, schemaId: 'io.k8s.api.apps.v1.Deployment', strategy: st, subresources: { status: {}, scale: {} } },
];
const t0 = Date.now();
const docs = buildOpenApiV3(rs);
console.log('ms', Date.now() - t0);
for (const [k, d] of docs as any) {
  const s = d.components.schemas;
  const dang = [...refsIn(d)].filter((id) => !s[id]);
  console.log(k, Object.keys(s).length, 'schemas', JSON.stringify(d).length, 'bytes', 'dangling', dang);
}
const a: any = docs.get('apis/apps/v1');
const s = a.components.schemas;
console.log(JSON.stringify(s['io.k8s.api.apps.v1.DeploymentSpec'], null, 1).slice(0, 2500));
console.log(JSON.stringify(s['io.k8s.api.autoscaling.v1.Scale']));
console.log(JSON.stringify(s['io.k8s.api.core.v1.Container'].properties.ports));
console.log(JSON.stringify(s['io.k8s.api.core.v1.Container'].properties.resources));
console.log(JSON.stringify(s['io.k8s.api.core.v1.Container'].properties.imagePullPolicy));
const c: any = docs.get('api/v1');
console.log(JSON.stringify(c.components.schemas['io.k8s.api.core.v1.Binding']));
console.log(JSON.stringify(c.components.schemas['io.k8s.api.core.v1.Event'].properties.involvedObject));
console.log(JSON.stringify(c.components.schemas['io.k8s.api.core.v1.ServiceSpec']?.properties?.ports));
