// What the desk needs from the org (the admin connection, DESIGN section 5). The Webex
// implementation lives in transports/webex-admin; tests and local mode point it at the
// emulator. Shapes follow the Webex admin APIs so the adapter stays thin.
import type { CallingProperties, LicenseOp, SiteOp } from '../../domain/index.js';

/** GET /v1/licenses item. */
export interface OrgLicense {
  id: string;
  name: string;
  totalUnits: number;
  consumedUnits: number;
  subscriptionId?: string;
  siteUrl?: string;
  siteType?: string;
}

/** A person as an admin reads them (People API with the admin fields). */
export interface OrgPerson {
  id: string;
  email: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  licenses: string[];
  /** Site URLs with an attendee account (from siteUrls "site#attendee"). */
  attendeeOf: string[];
  /** Site URLs where the person is a site administrator, where Webex shows it. */
  siteAdminOf: string[];
  invitePending: boolean;
  /** When Webex last saw the person active (the People API's lastActivity, ISO); absent: never, or Webex does not show it. */
  lastActivity?: string;
}

export interface OrgLocation {
  id: string;
  name: string;
}

export interface LicensePatch {
  personId?: string;
  email: string;
  licenses: LicenseOp[];
  siteUrls: SiteOp[];
}

/** What Webex answered to PATCH /v1/licenses/users. */
export type LicensePatchResult =
  | {
      kind: 'done';
      /** 200 or 206 (partial): what the person holds now, and what waits for an invite to be accepted. */
      httpStatus: 200 | 206;
      licenses: string[];
      attendeeOf: string[];
      pendingLicenses: string[];
      pendingAttendeeOf: string[];
    }
  /** Webex refused the request (4xx): its error code (e.g. 400411) and message. */
  | { kind: 'refused'; httpStatus: number; code?: string; message: string };

export interface OrgIdentity {
  orgId: string;
  email: string;
  displayName: string;
  /** The scopes the token is known to carry (from the token answer), when Webex says. */
  scopes?: string[];
}

/**
 * Transient failures (429 after the retries, 5xx, network, timeouts) are thrown as
 * OrgUnavailableError; the outbox worker retries them later. Everything else is an answer.
 */
export interface OrgConnection {
  identity(): Promise<OrgIdentity>;
  licenses(): Promise<OrgLicense[]>;
  /** Everyone in the org, one page at a time (the next page is asked for after onPage resolves). */
  people(onPage: (people: OrgPerson[]) => Promise<void> | void): Promise<void>;
  person(ref: { personId?: string; email: string }): Promise<OrgPerson | undefined>;
  patchLicenses(patch: LicensePatch): Promise<LicensePatchResult>;
  locations(): Promise<OrgLocation[]>;
  /** Phone numbers of a location that nobody holds yet (offered on the Calling step). */
  availableNumbers(locationId: string): Promise<string[]>;
}

/** What one sync did (the `sync` command's card, the log line). */
export interface SyncResult {
  people: number;
  /** Users whose licenses or status Webex shows differently (changed outside the desk). */
  changed: number;
  /** People in the org the desk did not know yet. */
  added: number;
  /** Users the desk holds back because a change of its own is not settled in Webex. */
  held: number;
  /** Desk users Webex did not list (external users belong to another org's directory). */
  notListed: number;
  licensesAdded: number;
  /** Users whose lastActivity moved (by a day or more, or first seen): stored without an audit line. */
  activity: number;
  ms: number;
}

export class OrgUnavailableError extends Error {
  constructor(
    message: string,
    /** When Webex said when to come back (Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OrgUnavailableError';
  }
}

export type { CallingProperties };
