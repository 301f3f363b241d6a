/** The pod and job shapes the Job controller reads (loose: objects come from the informer caches). */
import type { JobT } from '../../api/batch/job.js';
import type { PodLike } from '../replicaset/pod-util.js';

export interface ContainerStatusLike {
  name: string;
  restartCount?: number;
  state?: { terminated?: { exitCode?: number; finishedAt?: string | null } | null; running?: unknown; waiting?: unknown };
}

export interface JobPod extends PodLike {
  spec?: PodLike['spec'] & { initContainers?: Array<{ name: string; restartPolicy?: string }> };
  status?: PodLike['status'] & {
    containerStatuses?: ContainerStatusLike[];
    initContainerStatuses?: ContainerStatusLike[];
  };
}

export type Job = JobT;
