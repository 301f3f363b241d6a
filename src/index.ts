/** kubemu as a library: start a cluster in-process for a test suite. */
export { startCluster, type Cluster, type ClusterOptions } from './app.js';
export { FakeClock, RealClock, ScaledClock, type Clock } from './util/clock.js';
export { Client, ResourceClient } from './client/client.js';
export { Informer } from './client/informer.js';
export { ApiError } from './api/errors.js';
