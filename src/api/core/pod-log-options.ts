/**
 * core/v1 PodLogOptions as the log subresource takes them (after the container is chosen): shared by
 * the HTTP layer, which reads and validates them, and the kubelet, which serves them.
 */
export interface PodLogOptions {
  container: string;
  follow?: boolean;
  previous?: boolean;
  timestamps?: boolean;
  sinceSeconds?: number;
  /** RFC 3339 */
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
}
