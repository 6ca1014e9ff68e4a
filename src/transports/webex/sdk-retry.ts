// The framework fetches each event's object through the SDK (messages.get,
// attachmentActions.get, people.get, ...) and silently drops the event when a fetch
// fails: no retry on 429 or 5xx (DESIGN section 7). We wrap those SDK methods on the
// framework's own SDK instance with our bounded retry and a per-attempt timeout, and
// report a fetch that still fails.
//
// people.get is replaced, not wrapped: the SDK batches it (GET /people?id=a,b) and, when
// a batch answers an HTTP error, never settles the waiting promises; it keeps the pending
// one per person and hands it to every later people.get of that person, so one 429 would
// silence that person until a restart (webex-core Batcher.handleHttpError). We ask
// GET /people/{id} directly instead.
import { withRetry, type RetryPolicy } from './retry.js';
import type { WebexSdk } from './framework-types.js';

export interface FetchFailure {
  what: 'messages.get' | 'attachmentActions.get' | 'people.get' | 'rooms.get' | 'memberships.get' | 'memberships.list';
  /** The id asked for (string arguments only). */
  id: string | undefined;
  error: unknown;
}

export interface SdkRetryOptions {
  policy: RetryPolicy;
  /** Per attempt; a fetch that hangs counts as a failed attempt. */
  attemptTimeoutMs?: number;
  onRetry?: (info: { what: string; attempt: number; delayMs: number; status: number | undefined }) => void;
  onGiveUp?: (failure: FetchFailure) => void;
}

class FetchTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'FetchTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FetchTimeoutError(what, ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Method = (...args: unknown[]) => Promise<unknown>;

export function addRetryToSdk(sdk: WebexSdk, options: SdkRetryOptions): void {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 20_000;
  const retrying = (what: FetchFailure['what'], call: Method): Method => (...args: unknown[]) =>
    withRetry(() => withTimeout(call(...args), attemptTimeoutMs, what), options.policy, {
      onRetry: (info) => options.onRetry?.({ what, ...info }),
    }).catch((error: unknown) => {
      options.onGiveUp?.({ what, id: typeof args[0] === 'string' ? args[0] : undefined, error });
      throw error;
    });
  const wrap = (plugin: object, method: string, what: FetchFailure['what']) => {
    const target = plugin as Record<string, Method>;
    const original = target[method] as Method;
    target[method] = retrying(what, (...args) => original.apply(plugin, args));
  };

  wrap(sdk.messages, 'get', 'messages.get');
  wrap(sdk.attachmentActions, 'get', 'attachmentActions.get');
  wrap(sdk.rooms, 'get', 'rooms.get');
  wrap(sdk.memberships, 'get', 'memberships.get');
  wrap(sdk.memberships, 'list', 'memberships.list');

  const originalPeopleGet = sdk.people.get as Method;
  sdk.people.get = retrying('people.get', (person: unknown) => {
    const id = typeof person === 'string' ? person : ((person as { personId?: string; id?: string } | null)?.personId ?? (person as { id?: string } | null)?.id);
    if (!id || id === 'me') return originalPeopleGet.call(sdk.people, person);
    return sdk.request({ service: 'hydra', resource: `people/${encodeURIComponent(id)}` }).then((res) => res.body);
  }) as WebexSdk['people']['get'];
}
