// emulator.org: what tests and the playground do to the org from outside the desk
// (as an admin would in Control Hub), and what they read back from it.
import type { Person } from '../model.js';
import { heldUnion, type Org } from './org.js';
import { isCallingKind, licenseKind, type OrgCallingSeed, type OrgPersonSeed } from './types.js';

export interface OrgPersonView {
  personId: string;
  email: string;
  licenses: string[];
  pendingLicenses: string[];
  /** Webex's people format: "site.webex.com#attendee". */
  siteUrls: string[];
  pendingSiteUrls: string[];
  siteAdminOf: string[];
  invitePending: boolean;
  calling?: OrgCallingSeed;
}

export interface OutsideChange {
  add?: string[];
  remove?: string[];
  attendeeAdd?: string[];
  attendeeRemove?: string[];
}

export interface OrgControl {
  /** The admin's OAuth access token (its seed scopes); undefined without an org seed. */
  readonly adminToken: string | undefined;
  readonly serviceApp: { clientId: string; clientSecret: string; refreshToken: string } | undefined;
  person(email: string): OrgPersonView | undefined;
  /** A change made in Control Hub, not through the API: no rules, logged in the event log. */
  changeOutsideDesk(email: string, change: OutsideChange): void;
  /** The person accepts the invite: pending licenses and attendee sites apply. */
  acceptInvite(email: string): void;
  addPerson(seed: OrgPersonSeed): Person;
  /** Time passing, without a clock in the emulator: Webex last saw the person at `when` (ISO), or never (undefined). */
  setLastActivity(email: string, when: string | undefined): void;
  /** Every admin and Service App access token issued so far expires now. */
  expireAccessTokens(): void;
  /** The next PATCH /licenses/users naming this attendee site fails on it (400216), the rest applies (206). */
  failNextSite(siteUrl: string): void;
  readonly patchCount: number;
  readonly counters: Readonly<Org['counters']>;
  readonly model: Org;
}

export function orgControl(org: Org, personByEmail: (email: string) => Person | undefined): OrgControl {
  const find = (email: string) => {
    const person = personByEmail(email);
    if (!person) throw new Error(`no emulated person ${email}`);
    return person;
  };
  return {
    get adminToken() {
      return org.adminToken;
    },
    get serviceApp() {
      const app = org.serviceApp;
      return app && { clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: app.refreshToken };
    },
    person(email) {
      const person = personByEmail(email);
      if (!person) return undefined;
      const h = org.holding(person.id);
      return {
        personId: person.id,
        email: person.emails[0] ?? email,
        licenses: [...h.licenses],
        pendingLicenses: [...h.pendingLicenses],
        siteUrls: [...h.attendeeOf].map((url) => `${url}#attendee`),
        pendingSiteUrls: [...h.pendingAttendeeOf].map((url) => `${url}#attendee`),
        siteAdminOf: [...h.siteAdminOf],
        invitePending: h.invitePending,
        ...(h.calling ? { calling: { ...h.calling } } : {}),
      };
    },
    changeOutsideDesk(email, change) {
      const person = find(email);
      const h = org.holding(person.id);
      for (const id of [...(change.add ?? []), ...(change.remove ?? [])]) {
        if (!org.licenses.has(id)) throw new Error(`no emulated license ${id}`);
      }
      const before = heldUnion(h);
      for (const id of change.remove ?? []) {
        h.licenses.delete(id);
        h.pendingLicenses.delete(id);
      }
      for (const id of change.add ?? []) (h.invitePending ? h.pendingLicenses : h.licenses).add(id);
      org.recount(h, before);
      for (const url of change.attendeeRemove ?? []) {
        h.attendeeOf.delete(url.toLowerCase());
        h.pendingAttendeeOf.delete(url.toLowerCase());
      }
      for (const url of change.attendeeAdd ?? []) (h.invitePending ? h.pendingAttendeeOf : h.attendeeOf).add(url.toLowerCase());
      const calling = [...h.licenses, ...h.pendingLicenses].some((id) => isCallingKind(licenseKind(org.licenses.get(id)?.name ?? '')));
      if (!calling) delete h.calling;
      org.note('Control Hub: licenses changed outside the desk', person.emails[0], JSON.stringify(change));
    },
    acceptInvite(email) {
      const person = find(email);
      org.acceptInvite(person.id);
      org.note('Invite accepted', person.emails[0]);
    },
    addPerson: (seed) => org.addPerson(seed),
    setLastActivity(email, when) {
      const person = find(email);
      if (when === undefined) delete person.lastActivity;
      else person.lastActivity = new Date(when).toISOString();
    },
    expireAccessTokens: () => org.tokens.expireAll(),
    failNextSite: (siteUrl) => void org.failingSites.add(siteUrl.toLowerCase()),
    get patchCount() {
      return org.counters.patches;
    },
    get counters() {
      return { ...org.counters };
    },
    model: org,
  };
}
