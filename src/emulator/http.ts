// Shared pieces of the emulator's HTTP API: the Hono env, Webex-style errors, and the
// middlewares every call goes through (fault injection, bearer auth, the event log).
import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { Deliveries } from './deliveries.js';
import type { EventLog } from './event-log.js';
import type { Faults } from './faults.js';
import type { Person } from './model.js';
import type { EmulatorState } from './state.js';

/** Where Webex's documentation and its observed behaviour differ, which one the emulator plays. */
export interface EmulatorBehaviour {
  /** PUT /messages of a card message: "refused" as the API reference says (400), "accepted" as public card samples see it work. */
  cardEdits: 'refused' | 'accepted';
  /**
   * Each API answer is held back this long after the call was handled, as a network round
   * trip would (benchmarks: the calls before a reply are what a person waits for). 0: none.
   */
  latencyMs: number;
}

export interface EmulatorContext {
  state: EmulatorState;
  log: EventLog;
  faults: Faults;
  deliveries: Deliveries;
  behaviour: EmulatorBehaviour;
}

export type EmulatorEnv = { Bindings: HttpBindings; Variables: { caller: Person; trackingId: string; logRoom?: string; logDetail?: string } };
export type EmulatorHttpContext = Context<EmulatorEnv>;

/** Webex's error body: {message, errors: [{description}], trackingId}. */
export function apiError(c: EmulatorHttpContext, status: 400 | 401 | 403 | 404 | 405 | 409 | 429 | 500 | 502 | 503, message: string) {
  return c.json({ message, errors: [{ description: message }], trackingId: c.get('trackingId') }, status);
}

/** The path after the /v1 mount, e.g. /messages/abc. */
export function apiPath(c: EmulatorHttpContext): string {
  return new URL(c.req.url).pathname.replace(/^.*?\/v1(?=\/)/, '');
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

export function authAndFaults(ctx: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const trackingId = `EMULATOR_${randomUUID()}`;
    c.set('trackingId', trackingId);
    c.header('trackingid', trackingId);
    const caller = ctx.state.personByToken(bearer(c.req.header('authorization')) ?? '');
    const path = apiPath(c);
    const fault = ctx.faults.take(c.req.method, path, caller?.id);
    if (fault) {
      ctx.log.add({ kind: 'fault', title: `${c.req.method} /v1${path}`, status: fault.status, who: caller?.emails[0], detail: fault.kind });
      if (fault.kind === 'drop') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 599 });
      }
      if (fault.retryAfterSeconds !== undefined) c.header('retry-after', String(fault.retryAfterSeconds));
      const status = (fault.status ?? 500) as 429 | 500;
      return apiError(c, status, status === 429 ? 'Too many requests, retry later.' : 'Internal server error (injected).');
    }
    if (!caller) {
      return apiError(c, 401, 'The request requires a valid access token set in the Authorization request header.');
    }
    c.set('caller', caller);
    await next();
    if (ctx.behaviour.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.behaviour.latencyMs));
  };
}

export function logCalls(ctx: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    await next();
    const caller = c.get('caller') as Person | undefined;
    if (!caller) return;
    ctx.log.add({
      kind: 'api',
      title: `${c.req.method} /v1${apiPath(c)}`,
      status: c.res.status,
      who: caller.emails[0],
      roomId: c.get('logRoom'),
      detail: c.get('logDetail'),
    });
  };
}
