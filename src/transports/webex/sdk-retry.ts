// The framework fetches each event's object through the SDK (messages.get,
// attachmentActions.get, people.get, ...) and silently drops the event when a fetch
// fails: no retry on 429 or 5xx (DESIGN section 7). We wrap those SDK methods on the
// framework's own SDK instance with our bounded retry, and report a fetch that still fails.
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
  onRetry?: (info: { what: string; attempt: number; delayMs: number; status: number | undefined }) => void;
  onGiveUp?: (failure: FetchFailure) => void;
}

export function addRetryToSdk(sdk: WebexSdk, options: SdkRetryOptions): void {
  const wrap = (plugin: Record<string, unknown>, method: string, what: FetchFailure['what']) => {
    const original = plugin[method] as (...args: unknown[]) => Promise<unknown>;
    plugin[method] = (...args: unknown[]) =>
      withRetry(() => original.apply(plugin, args), options.policy, {
        onRetry: (info) => options.onRetry?.({ what, ...info }),
      }).catch((error: unknown) => {
        options.onGiveUp?.({ what, id: typeof args[0] === 'string' ? args[0] : undefined, error });
        throw error;
      });
  };
  wrap(sdk.messages as unknown as Record<string, unknown>, 'get', 'messages.get');
  wrap(sdk.attachmentActions as unknown as Record<string, unknown>, 'get', 'attachmentActions.get');
  wrap(sdk.people as unknown as Record<string, unknown>, 'get', 'people.get');
  wrap(sdk.rooms as unknown as Record<string, unknown>, 'get', 'rooms.get');
  wrap(sdk.memberships as unknown as Record<string, unknown>, 'get', 'memberships.get');
  wrap(sdk.memberships as unknown as Record<string, unknown>, 'list', 'memberships.list');
}
