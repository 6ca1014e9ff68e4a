// At start: is the admin connection usable? GET /people/me says which org and who; a
// licenses read, a people read and (with Calling locations) an available-numbers read
// prove the scopes. A refusal stops the start with the variable and the missing scope.
import type { AdminConnectionConfig } from '../../config.js';
import type { OrgConnection, OrgIdentity } from '../../flows/org/port.js';
import { AdminApiError } from './client.js';

export class AdminConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminConnectionError';
  }
}

const variableOf = (config: AdminConnectionConfig): string =>
  config.kind === 'token' ? 'WEBEX_ADMIN_TOKEN' : 'WEBEX_ADMIN_CLIENT_ID / WEBEX_ADMIN_CLIENT_SECRET / WEBEX_ADMIN_REFRESH_TOKEN';

class FirstPageOnly extends Error {}

export interface ConnectionCheck {
  identity: OrgIdentity;
  /** Scopes proven by a read that worked. */
  proven: string[];
  /** For the one start log line. */
  summary: string;
}

/** `as`: what the messages call the connection (local mode: the emulator's token, not a variable). */
export async function checkAdminConnection(org: OrgConnection, config: AdminConnectionConfig, as?: string): Promise<ConnectionCheck> {
  const variable = as ?? variableOf(config);
  /** refusedWith: the statuses that mean the scope is missing (403; other ones for some reads). */
  const probe = async <T>(scope: string | undefined, read: () => Promise<T>, refusedWith: readonly number[] = [403]): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof AdminApiError && (error.status === 401 || refusedWith.includes(error.status))) {
        throw new AdminConnectionError(
          error.status === 401 || !scope
            ? `${variable}: Webex refused the admin token (${error.status}: ${error.webexMessage}); use a full administrator's token or Service App (see README "Admin connection")`
            : `${variable}: the admin connection lacks the scope ${scope} (${error.what} answered ${error.status}); authorize it with ${scope}`,
        );
      }
      if (error instanceof Error && error.name === 'AdminTokenError') throw new AdminConnectionError(error.message);
      throw error;
    }
  };
  const identity = await probe(undefined, () => org.identity());
  const proven: string[] = [];
  await probe('spark-admin:licenses_read', () => org.licenses());
  proven.push('spark-admin:licenses_read');
  // Without spark-admin:people_read Webex answers the unfiltered list 400 ("Email,
  // displayName, or id list should be specified"), as to any non-admin, not 403.
  await probe(
    'spark-admin:people_read',
    () =>
      org.people(() => {
        throw new FirstPageOnly();
      }),
    [400, 403],
  ).catch((error: unknown) => {
    if (!(error instanceof FirstPageOnly)) throw error;
  });
  proven.push('spark-admin:people_read');
  const locations = await probe('spark-admin:people_read', () => org.locations());
  if (locations[0]) {
    await probe('spark-admin:telephony_config_read', () => org.availableNumbers(locations[0]!.id));
    proven.push('spark-admin:telephony_config_read');
  }
  const listed = identity.scopes ? `scopes ${identity.scopes.join(' ')}` : `scopes proven by reads: ${proven.join(' ')} (spark-admin:people_write is proven by the first change)`;
  const kind = as ?? (config.kind === 'token' ? 'WEBEX_ADMIN_TOKEN' : 'Service App');
  return { identity, proven, summary: `admin connection to org ${identity.orgId} as ${identity.email} (${kind}); ${listed}` };
}
