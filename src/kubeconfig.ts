/** The kubeconfig kubemu writes for its users: one cluster, one context, namespace default. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import yaml from 'js-yaml';

export function kubeconfigYaml(server: string, name = 'kubemu'): string {
  return yaml.dump({
    apiVersion: 'v1',
    kind: 'Config',
    // Plain HTTP: @kubernetes/client-node refuses an http:// server unless the cluster says
    // insecure-skip-tls-verify (kubectl and client-go accept it and ignore it for http).
    clusters: [{ name, cluster: server.startsWith('http:') ? { server, 'insecure-skip-tls-verify': true } : { server } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
    users: [{ name, user: {} }],
  });
}

export function writeKubeconfig(path: string, server: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(server), { mode: 0o600 });
}
