// Shared pieces of the emulator's HTTP API: the Hono env, Webex-style errors, and the
// middlewares every call goes through (fault injection, bearer auth, the event log).
import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { Deliveries } from './deliveries.js';
import type { EventLog } from './event-log.js';
import type { Faults } from './faults.js';
import type { Person } from './model.js';
import type { Org } from './org/org.js';
import { FORBIDDEN_MESSAGE } from './org/tokens.js';
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
  /** Admin (OAuth access token) calls the org answers per second before 429 with Retry-After. 0: no limit. */
  orgRateLimitPerSecond: number;
}

export interface EmulatorContext {
  state: EmulatorState;
  log: EventLog;
  faults: Faults;
  deliveries: Deliveries;
  behaviour: EmulatorBehaviour;
  org: Org;
}

export type EmulatorEnv = {
  Bindings: HttpBindings;
  /** scopes: those of an OAuth access token (admin, Service App); unset for the bot and person tokens. */
  Variables: { caller: Person; scopes?: ReadonlySet<string>; trackingId: string; logRoom?: string; logDetail?: string };
};
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

/** 403 unless the caller's access token carries one of these scopes (a person token carries none). */
export function requireScope(c: EmulatorHttpContext, ...anyOf: string[]): Response | undefined {
  const scopes = c.get('scopes');
  return scopes && anyOf.some((s) => scopes.has(s)) ? undefined : apiError(c, 403, FORBIDDEN_MESSAGE);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function authAndFaults(ctx: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const trackingId = `EMULATOR_${randomUUID()}`;
    c.set('trackingId', trackingId);
    c.header('trackingid', trackingId);
    const token = bearer(c.req.header('authorization')) ?? '';
    // The bot's and people's tokens first (as before), then the org's OAuth access tokens.
    let caller = ctx.state.personByToken(token);
    const access = caller ? undefined : ctx.org.tokens.lookup(token);
    if (access?.kind === 'valid') {
      caller = access.grant.subject;
      c.set('scopes', access.grant.scopes);
    }
    const path = apiPath(c);
    const fault = ctx.faults.take(c.req.method, path, caller?.id);
    let holdMs = 0;
    if (fault) {
      ctx.log.add({ kind: 'fault', title: `${c.req.method} /v1${path}`, status: fault.status, who: caller?.emails[0], detail: fault.kind });
      if (fault.kind === 'timeout') holdMs = fault.holdMs ?? 30_000;
      else if (fault.kind === 'drop') {
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 599 });
      } else {
        if (fault.retryAfterSeconds !== undefined) c.header('retry-after', String(fault.retryAfterSeconds));
        const status = (fault.status ?? 500) as 429 | 500;
        return apiError(c, status, status === 429 ? 'Too many requests, retry later.' : 'Internal server error (injected).');
      }
    }
    // The OAuth token endpoint authenticates by client id and secret in its body, not a bearer.
    const tokenEndpoint = c.req.method === 'POST' && path === '/access_token';
    if (!caller && !tokenEndpoint) {
      return apiError(c, 401, 'The request requires a valid access token set in the Authorization request header.');
    }
    if (caller) c.set('caller', caller);
    if (c.get('scopes')) {
      const retryAfter = ctx.org.rateLimit(ctx.behaviour.orgRateLimitPerSecond);
      if (retryAfter !== undefined) {
        c.header('retry-after', String(retryAfter));
        return apiError(c, 429, 'Too many requests, retry later.');
      }
    }
    await next();
    if (holdMs > 0) await sleep(holdMs);
    if (ctx.behaviour.latencyMs > 0) await sleep(ctx.behaviour.latencyMs);
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
