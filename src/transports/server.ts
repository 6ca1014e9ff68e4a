// Listen with a Hono app; resolves with the port actually bound (PORT=0 picks a free one).
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

// Hono apps with different Env types are all fine to serve; we only need fetch.
type Servable = Pick<Hono, 'fetch'> | { fetch: (request: Request, env: never) => Response | Promise<Response> };

export function listen(app: Servable, options: { port: number; hostname?: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} is already in use: stop what runs there or set PORT to a free port`, { cause: error })
          : error,
      );
    server = serve({ fetch: app.fetch as Hono['fetch'], port: options.port, hostname: options.hostname }, (info) => {
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
