import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP hop between the worker and a realtime node. It forwards every request; while `hold` is
 * on it never answers the caller, as if the connection died after the target acted. It records
 * the bodies it forwarded, so a test can see a trigger sent twice.
 */
export class HoldingProxy {
  hold = false;
  readonly forwarded: string[] = [];
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((request, response) => void this.forward(request, response));
  }

  /** Listening port. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  static async start(targetPort: number): Promise<HoldingProxy> {
    const proxy = new HoldingProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  async close(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const upstream = await fetch(`http://127.0.0.1:${String(this.targetPort)}${request.url ?? '/'}`, {
      method: request.method,
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      body: request.method === 'GET' ? undefined : body,
    });
    const text = await upstream.text();
    this.forwarded.push(body);
    if (this.hold) {
      this.held.add(response);
      return;
    }
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(text);
  }
}
