// A start that fails on Webex ends in one line that says what to check, not in a stack
// trace: the bot token refused (401/403), Webex not reachable (DNS, refused connection,
// timeout), or Webex answering 5xx. The SDK's errors carry statusCode and the request's
// uri; a network failure is statusCode 0 with the system error's code in its message.
import { OrgUnavailableError } from '../flows/org/port.js';
import { statusOf } from './webex/retry.js';

export class StartFailure extends Error {
  constructor(
    message: string,
    /** 2: fix the configuration (as for a bad variable); 1: Webex or the network, try again later. */
    readonly exitCode: 1 | 2,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'StartFailure';
  }
}

const NETWORK_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'];

/** The system error's code (ECONNREFUSED, ENOTFOUND, …) in the error, its message or its cause. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.includes(code)) return code;
    const named = NETWORK_CODES.find((c) => e instanceof Error && e.message.includes(c));
    if (named) return named;
  }
  return undefined;
}

/** Where the failed request went: the SDK error's uri, else the API base. */
function originOf(error: unknown, apiBase: string): string {
  const uri = (error as { options?: { uri?: unknown } } | undefined)?.options?.uri;
  try {
    return new URL(typeof uri === 'string' ? uri : apiBase).origin;
  } catch {
    return apiBase;
  }
}

const CHECK_BASE = 'check the network (DNS, proxy, firewall) or HYDRA_SERVICE_URL';

/** The start's error as one readable line, or undefined when it is not one of these (a bug: the stack is shown). */
export function describeStartFailure(error: unknown, apiBase: string): StartFailure | undefined {
  const origin = originOf(error, apiBase);
  if (error instanceof OrgUnavailableError) {
    return new StartFailure(`the admin connection failed: ${error.message}: ${CHECK_BASE}; if Webex is down (https://status.webex.com), try again later`, 1, { cause: error });
  }
  const status = statusOf(error);
  if (status === 401 || status === 403) {
    return new StartFailure(`Webex refused the bot token (${status}): check WEBEX_BOT_TOKEN (developer.webex.com → My Webex Apps → your bot)`, 2, { cause: error });
  }
  if (status !== undefined && status >= 500) {
    return new StartFailure(`Webex answered ${status} at ${origin}: Webex is having trouble (https://status.webex.com); try again later`, 1, { cause: error });
  }
  const code = networkCode(error);
  if (code) return new StartFailure(`cannot reach ${origin} (${code}): ${CHECK_BASE}`, 1, { cause: error });
  return undefined;
}
