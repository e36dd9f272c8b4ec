/**
 * This process's numeric node id, the first half of every socket id it hands out. Unique in the
 * cluster: taken from a Redis counter at boot (or REALTIME_NODE_ID); set once before traffic starts.
 */
export class NodeIdentity {
  private value = 0;
  private counter = 0;

  get id(): number {
    if (this.value === 0) throw new Error('Node id used before it was assigned');
    return this.value;
  }

  assign(id: number): void {
    this.value = id;
  }

  /** A new socket id `nodeId.counter`, matching `^\d+\.\d+$` and unique cluster-wide. */
  nextSocketId(): string {
    this.counter++;
    return `${this.id}.${this.counter}`;
  }

  /** The node id inside a socket id of this cluster. */
  static nodeOf(socketId: string): string {
    return socketId.slice(0, socketId.indexOf('.'));
  }
}
