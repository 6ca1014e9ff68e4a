// A small fetch-based Webex REST client for what the bot sends. We do not send through
// the SDK so that each call's status and Retry-After are ours to read and retry.
import { defaultRetryPolicy, parseRetryAfter, withRetry, type RetryPolicy } from './retry.js';

export const WEBEX_API_BASE = 'https://webexapis.com/v1';

export class WebexApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly retryAfterMs: number | undefined,
    readonly trackingId: string | undefined,
  ) {
    super(`Webex API ${method} ${path} answered ${status}${trackingId ? ` (trackingid ${trackingId})` : ''}`);
    this.name = 'WebexApiError';
  }
}

export interface RestClientOptions {
  token: string;
  /** e.g. https://webexapis.com/v1, or the local emulator's http://127.0.0.1:PORT/v1. */
  apiBase: string;
  retryPolicy?: RetryPolicy;
  onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; status: number | undefined }) => void;
  /** Per-attempt timeout. */
  timeoutMs?: number;
}

export interface RestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  json?: unknown;
  /** Multipart body (file upload); rebuilt for each attempt. */
  form?: () => FormData;
}

export interface RestClient {
  request<T = unknown>(req: RestRequest): Promise<T>;
}

export function createRestClient(options: RestClientOptions): RestClient {
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const base = options.apiBase.replace(/\/+$/, '');

  async function attempt(req: RestRequest): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
    let body: string | FormData | undefined;
    if (req.form) body = req.form();
    else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${base}${req.path}`, {
      method: req.method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new WebexApiError(
        response.status,
        req.method,
        req.path,
        parseRetryAfter(response.headers.get('retry-after')),
        response.headers.get('trackingid') ?? undefined,
      );
    }
    if (response.status === 204) return undefined;
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  return {
    async request<T>(req: RestRequest): Promise<T> {
      const result = await withRetry(() => attempt(req), policy, {
        onRetry: (info) => options.onRetry?.({ method: req.method, path: req.path, ...info }),
      });
      return result as T;
    },
  };
}
