/**
 * The node lifecycle controller's bookkeeping of known nodes (monitorNodeHealth's classifyNodes in
 * pkg/controller/nodelifecycle): a node the controller has not seen yet gets a "RegisteredNode"
 * event, `Node <name> event: Registered Node <name> in Controller`, and a known node that is gone a
 * "RemovingNode" event, `Node <name> event: Removing Node <name> from Controller`. The known set
 * lives in memory, so every node is registered again when the controller (kubemu) restarts.
 * Events come from "node-controller" and name the node as RecordNodeEvent does: apiVersion v1,
 * kind Node, the node's uid, no namespace (so they are recorded in default).
 */
import type { KObject } from '../../api/meta.js';
import type { Informer } from '../../client/informer.js';
import { Controller } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';

export const NodeControllerComponent = 'node-controller';

/** controllerutil.RecordNodeEvent's object reference. */
export function nodeControllerRef(name: string, uid: string | undefined): KObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } };
}

export class NodeRegistrationEvents extends Controller {
  private readonly nodes: Informer;
  private readonly recorder: EventRecorder;
  /** knownNodeSet: name -> uid of the node as first seen. */
  private readonly known = new Map<string, string | undefined>();

  constructor(ctx: ControllerContext) {
    super('node-lifecycle-registration', ctx.clock);
    this.nodes = ctx.informers.for('', 'nodes');
    this.recorder = ctx.recorder(NodeControllerComponent);
    const enqueue = (n: KObject) => this.enqueue(n.metadata.name!);
    this.nodes.addEventHandler({ onAdd: enqueue, onDelete: enqueue });
  }

  sync(name: string): void {
    const node = this.nodes.get('', name);
    if (node && !this.known.has(name)) {
      const uid = node.metadata.uid;
      this.recorder.event(nodeControllerRef(name, uid), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.known.set(name, uid);
    } else if (!node && this.known.has(name)) {
      const uid = this.known.get(name);
      this.recorder.event(nodeControllerRef(name, uid), 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.known.delete(name);
    }
  }
}
