// The admin connection to a Webex org (DESIGN section 5): the OrgConnection port over
// Webex's admin APIs. Every answer is parsed with zod here, at the edge.
import { z } from 'zod';
import { UserSchema } from '../../domain/index.js';
import {
  OrgUnavailableError,
  type LicensePatch,
  type LicensePatchResult,
  type OrgConnection,
  type OrgLicense,
  type OrgLocation,
  type OrgPerson,
} from '../../flows/org/port.js';
import type { RetryPolicy } from '../webex/retry.js';
import { adminHttp, webexError, type AdminAnswer } from './http.js';
import { tokenProvider, type AdminCredentials } from './token.js';

/** People per page: small enough that parsing one holds the event loop a few ms (1,000 held it ~45 ms at 100,000 users). */
export const PEOPLE_PAGE = 200;

const LicenseItem = z.object({
  id: z.string(),
  name: z.string(),
  totalUnits: z.number(),
  consumedUnits: z.number().default(0),
  subscriptionId: z.string().optional(),
  siteUrl: z.string().optional(),
  siteType: z.string().optional(),
});
const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const PersonItem = z.object({
  id: z.string(),
  emails: z.array(z.string()).min(1),
  displayName: z.string().default(''),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  licenses: z.array(z.string()).default([]),
  /** "site.webex.com#attendee" */
  siteUrls: z.array(z.string()).default([]),
  /** The spec types it as a string ("true"/"false"); accept a boolean too. */
  invitePending: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  /** Presence: absent on ?id= lookups, with excludeStatus, for someone never seen, or when the admin disabled status sharing. */
  lastActivity: z.string().optional(),
});

const SiteAccount = z.object({ siteUrl: z.string(), accountType: z.string().optional() });
const PatchAnswer = z.object({
  licenses: z.array(z.string()).default([]),
  siteUrls: z.array(SiteAccount).default([]),
  pendingLicenses: z.array(z.string()).default([]),
  pendingSiteUrls: z.array(SiteAccount).default([]),
});

const Me = z.object({ orgId: z.string(), emails: z.array(z.string()).min(1), displayName: z.string().default('') });
const LocationItem = z.object({ id: z.string(), name: z.string() });
/** GET /telephony/config/people/primary/availableNumbers: unassigned numbers only. */
const NumbersAnswer = z.object({ phoneNumbers: z.array(z.object({ phoneNumber: z.string().optional() })).default([]) });

/** An admin API answer that is neither a success nor a transient failure (4xx). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly what: string,
    readonly code: string | undefined,
    readonly webexMessage: string,
  ) {
    super(`${what}: Webex answered ${status}${code ? ` (${code})` : ''}: ${webexMessage}`);
    this.name = 'AdminApiError';
  }
}

export interface AdminClientOptions {
  credentials: AdminCredentials;
  apiBase: string;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
}

function parsed<T>(schema: z.ZodType<T>, answer: AdminAnswer, what: string): T {
  if (answer.status < 200 || answer.status > 299) {
    const { code, message } = webexError(answer.body);
    throw new AdminApiError(answer.status, what, code, message);
  }
  const result = schema.safeParse(answer.body);
  if (!result.success) throw new OrgUnavailableError(`${what}: Webex's answer has an unexpected shape (${result.error.issues[0]?.message ?? 'invalid'})`);
  return result.data;
}

const attendeeSites = (accounts: z.infer<typeof SiteAccount>[]): string[] =>
  accounts.filter((a) => (a.accountType ?? 'attendee') === 'attendee').map((a) => a.siteUrl);

function toPerson(item: z.infer<typeof PersonItem>): OrgPerson {
  const attendeeOf = item.siteUrls.filter((s) => s.endsWith('#attendee')).map((s) => s.slice(0, -'#attendee'.length));
  return {
    id: item.id,
    email: item.emails[0]!.toLowerCase(),
    displayName: item.displayName,
    ...(item.firstName ? { firstName: item.firstName } : {}),
    ...(item.lastName ? { lastName: item.lastName } : {}),
    licenses: item.licenses,
    attendeeOf,
    siteAdminOf: [], // the People API does not show Meetings site administrators
    invitePending: item.invitePending,
    // A value that is no ISO time is left out (the desk keeps what it knew) rather than failing the sync.
    ...(item.lastActivity && UserSchema.shape.lastActivity.safeParse(item.lastActivity).success ? { lastActivity: item.lastActivity } : {}),
  };
}

export function createAdminClient(options: AdminClientOptions): OrgConnection {
  const tokens = tokenProvider(options.credentials, options.apiBase);
  const call = adminHttp({ apiBase: options.apiBase, tokens, ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });

  async function paged<T>(first: string, schema: z.ZodType<{ items: T[] }>, what: string, onPage: (items: T[]) => Promise<void> | void): Promise<void> {
    for (let url: string | undefined = first; url; ) {
      const answer = await call('GET', url);
      await onPage(parsed(schema, answer, what).items);
      url = answer.nextUrl;
    }
  }

  return {
    async identity() {
      const me = parsed(Me, await call('GET', '/people/me'), 'GET /people/me');
      const scopes = tokens.scopes();
      return { orgId: me.orgId, email: me.emails[0]!, displayName: me.displayName, ...(scopes ? { scopes } : {}) };
    },
    async licenses(): Promise<OrgLicense[]> {
      return parsed(Items(LicenseItem), await call('GET', '/licenses'), 'GET /licenses').items;
    },
    async people(onPage) {
      await paged(`/people?max=${PEOPLE_PAGE}`, Items(PersonItem), 'GET /people', (items) => onPage(items.map(toPerson)));
    },
    async person({ personId, email }) {
      if (personId) {
        const answer = await call('GET', `/people/${encodeURIComponent(personId)}`);
        if (answer.status === 404) return undefined;
        return toPerson(parsed(PersonItem, answer, 'GET /people/{id}'));
      }
      const found = parsed(Items(PersonItem), await call('GET', `/people?email=${encodeURIComponent(email)}`), 'GET /people?email');
      return found.items[0] ? toPerson(found.items[0]) : undefined;
    },
    async patchLicenses(patch: LicensePatch): Promise<LicensePatchResult> {
      const body = {
        ...(patch.personId ? { personId: patch.personId } : { email: patch.email }),
        ...(patch.licenses.length ? { licenses: patch.licenses } : {}),
        ...(patch.siteUrls.length ? { siteUrls: patch.siteUrls } : {}),
      };
      const answer = await call('PATCH', '/licenses/users', body);
      if (answer.status === 200 || answer.status === 206) {
        const done = parsed(PatchAnswer, answer, 'PATCH /licenses/users');
        return {
          kind: 'done',
          httpStatus: answer.status,
          licenses: done.licenses,
          attendeeOf: attendeeSites(done.siteUrls),
          pendingLicenses: done.pendingLicenses,
          pendingAttendeeOf: attendeeSites(done.pendingSiteUrls),
        };
      }
      if (answer.status === 401 || answer.status === 403) {
        const { message } = webexError(answer.body);
        throw new AdminApiError(answer.status, 'PATCH /licenses/users', undefined, `${message} (the admin connection needs the scope spark-admin:people_write)`);
      }
      return { kind: 'refused', httpStatus: answer.status, ...webexError(answer.body) };
    },
    async locations(): Promise<OrgLocation[]> {
      const all: OrgLocation[] = [];
      await paged('/locations?max=1000', Items(LocationItem), 'GET /locations', (items) => {
        all.push(...items.map(({ id, name }) => ({ id, name })));
      });
      return all;
    },
    async availableNumbers(locationId) {
      const numbers: string[] = [];
      const first = `/telephony/config/people/primary/availableNumbers?locationId=${encodeURIComponent(locationId)}&max=100`;
      await paged(first, NumbersAnswer.transform((a) => ({ items: a.phoneNumbers })), 'GET availableNumbers', (items) => {
        numbers.push(...items.flatMap((n) => (n.phoneNumber ? [n.phoneNumber] : [])));
      });
      return numbers;
    },
  };
}
