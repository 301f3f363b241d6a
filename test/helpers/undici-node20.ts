/**
 * @kubernetes/client-node 2.x depends on undici 8, which declares Node >= 22.19 and, on Node 20, fails
 * while loading: it binds `zlib.createZstdDecompress` (Node 22.15+) and reads
 * `worker_threads.markAsUncloneable` (Node 22.10+), and its fetch calls `Promise.withResolvers`
 * (ES2024, Node 22). The first two are not used on the paths the client takes
 * against kubemu (no zstd responses; no structured cloning of undici's web objects), so on an older
 * Node fill them in before the client is imported. Import this module before '@kubernetes/client-node'.
 * On Node 22.19+ it does nothing.
 */
import zlib from 'node:zlib';
import workerThreads from 'node:worker_threads';

const z = zlib as unknown as Record<string, unknown>;
if (typeof z.createZstdDecompress !== 'function')
  z.createZstdDecompress = () => {
    throw new Error('zstd decompression needs Node >= 22.15');
  };
const wt = workerThreads as unknown as Record<string, unknown>;
if (typeof wt.markAsUncloneable !== 'function') wt.markAsUncloneable = () => {};
const P = Promise as unknown as Record<string, unknown>;
if (typeof P.withResolvers !== 'function')
  // The standard ES2024 behaviour.
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (v: T | PromiseLike<T>) => void;
    let reject!: (e?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
