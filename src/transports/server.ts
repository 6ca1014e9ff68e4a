// Listen with a Hono app; resolves with the port actually bound (PORT=0 picks a free one).
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

// Hono apps with different Env types are all fine to serve; we only need fetch.
type Servable = Pick<Hono, 'fetch'> | { fetch: (request: Request, env: never) => Response | Promise<Response> };

export interface ListenOptions {
  port: number;
  hostname?: string;
  /** Headers and body must have arrived within this time, or Node closes the connection (408). */
  requestTimeoutMs?: number;
}

export function listen(app: Servable, options: ListenOptions): Promise<RunningServer> {
  const timeout = options.requestTimeoutMs;
  // Node checks for late requests every connectionsCheckingInterval (30 s by default): check often enough for the limit to hold.
  const serverOptions = timeout ? { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: Math.min(1000, timeout) } : {};
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} is already in use: stop what runs there or set PORT to a free port`, { cause: error })
          : error,
      );
    server = serve({ fetch: app.fetch as Hono['fetch'], port: options.port, hostname: options.hostname, serverOptions }, (info) => {
      server?.off('error', onError);
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if (!server) return done();
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.on('error', onError);
  });
}
