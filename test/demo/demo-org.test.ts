// The demo org must parse and hold a person for every rule the bot shows (DESIGN section 1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoOrg } from '../../src/demo/build-demo-org.js';
import { DEMO_ACTIVITY_AS_OF } from '../../src/demo/build-demo-org.js';
import { DEMO_ORG_FILE, loadDemoOrg, withActivityAsOf } from '../../src/demo/demo-org.js';
import { OrgDocumentSchema, type License, type User } from '../../src/domain/index.js';

const org = loadDemoOrg();
const licenseById = new Map(org.licenses.map((l) => [l.id, l]));
const siteByUrl = new Map(org.sites.map((s) => [s.url, s]));
const userByEmail = new Map(org.users.map((u) => [u.email, u]));

/** Used units derived from assignments, as the store does (R12). */
const used = new Map<string, number>();
for (const user of org.users) for (const id of user.licenseIds) used.set(id, (used.get(id) ?? 0) + 1);

const licensesOf = (user: User): License[] => user.licenseIds.map((id) => licenseById.get(id)!);
const has = (user: User, test: (l: License) => boolean) => licensesOf(user).some(test);
const isPro = (l: License) => l.service === 'calling' && l.tier === 'professional';
const isStd = (l: License) => l.service === 'calling' && l.tier === 'standard';
const isCx = (l: License) => l.service === 'cxBasic';
const internal = org.users.filter((u) => u.type === 'internal');
const external = org.users.filter((u) => u.type === 'external');

describe('data/demo-org.json', () => {
  it('is a valid org document, the same one the builder makes', () => {
    const json: unknown = JSON.parse(readFileSync(DEMO_ORG_FILE, 'utf8'));
    expect(OrgDocumentSchema.safeParse(json).success).toBe(true);
    // Regenerate with `npx tsx scripts/make-demo-org.ts` after editing src/demo/build-demo-org.ts.
    expect(json).toEqual(buildDemoOrg());
  });

  it('has unique user ids and emails, and every reference points at something that exists', () => {
    expect(new Set(org.users.map((u) => u.id)).size).toBe(org.users.length);
    expect(new Set(org.users.map((u) => u.email)).size).toBe(org.users.length);
    expect(new Set(org.licenses.map((l) => l.id)).size).toBe(org.licenses.length);
    const subscriptionIds = new Set(org.subscriptions.map((s) => s.id));
    for (const license of org.licenses) {
      expect(subscriptionIds.has(license.subscriptionId)).toBe(true);
      if (license.siteUrl !== undefined) expect(siteByUrl.has(license.siteUrl)).toBe(true);
    }
    for (const user of org.users) {
      for (const id of user.licenseIds) expect(licenseById.has(id), `${user.email}: ${id}`).toBe(true);
      for (const url of [...user.attendeeOf, ...user.siteAdminOf]) expect(siteByUrl.has(url), `${user.email}: ${url}`).toBe(true);
    }
  });

  it('has at least 40 internal users and 6 external ones, one pending and one with a single license', () => {
    expect(internal.length).toBeGreaterThanOrEqual(40);
    expect(external).toHaveLength(6);
    expect(external.filter((u) => u.status === 'pending')).toHaveLength(1);
    expect(external.filter((u) => u.licenseIds.length === 1).length).toBeGreaterThanOrEqual(1);
  });

  it('has three subscriptions or more, with Webex-style ids', () => {
    expect(org.subscriptions.length).toBeGreaterThanOrEqual(3);
    for (const s of org.subscriptions) expect(s.id).toMatch(/^Sub-\d{6}$/);
  });

  it('has Meetings sites with and without the attendee feature, each with its host license', () => {
    expect(siteByUrl.get('acme.webex.com')?.attendeeAccountEnabled).toBe(true);
    expect(siteByUrl.get('acme-training.webex.com')?.attendeeAccountEnabled).toBe(false);
    for (const site of org.sites) {
      const hostLicenses = org.licenses.filter((l) => l.service === 'meetings' && l.siteUrl === site.url);
      expect(hostLicenses.map((l) => l.name)).toEqual(['Meeting - Webex Enterprise Edition']);
    }
  });

  it('uses the license names Webex uses', () => {
    const names = new Set(org.licenses.map((l) => l.name));
    for (const name of [
      'Webex Calling - Professional',
      'Webex Calling - Basic',
      'Customer Experience - Essential',
      'Unified Communication Manager (UCM)',
      'Meeting - Webex Enterprise Edition',
      'Webex Messaging',
      'Advanced Messaging',
    ]) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('has a site admin on acme.webex.com who is not an admin of the bot (R7)', () => {
    const roleEmails = new Set(org.roles.map((r) => r.email));
    expect(internal.some((u) => u.siteAdminOf.includes('acme.webex.com') && !roleEmails.has(u.email))).toBe(true);
  });

  it('has Professional and Standard calling users, and one migrating from Unified CM (R1, R2)', () => {
    expect(internal.filter((u) => has(u, isPro)).length).toBeGreaterThanOrEqual(5);
    expect(internal.filter((u) => has(u, isStd)).length).toBeGreaterThanOrEqual(5);
    const migrating = org.users.filter((u) => has(u, (l) => l.service === 'calling') && has(u, (l) => l.service === 'ucm'));
    expect(migrating.length).toBeGreaterThanOrEqual(1);
  });

  it('has Attendant Console and CX users on Professional, and a Standard user without CX (R3, R4)', () => {
    const consoleUsers = org.users.filter((u) => has(u, (l) => l.service === 'attendantConsole'));
    expect(consoleUsers.length).toBeGreaterThanOrEqual(1);
    for (const u of consoleUsers) expect(has(u, isPro), u.email).toBe(true);
    const cx = org.users.filter((u) => has(u, isCx));
    expect(cx.length).toBeGreaterThanOrEqual(1);
    for (const u of cx) expect(has(u, isPro), u.email).toBe(true);
    expect(userByEmail.get('tom.de.boer@acme.example')).toSatisfy((u: User) => has(u, isStd) && !has(u, isCx));
  });

  it('has attendee accounts, only where the feature is on and the user is not the site admin or host (R5–R7)', () => {
    const attendees = org.users.filter((u) => u.attendeeOf.length > 0);
    expect(attendees.length).toBeGreaterThanOrEqual(3);
    for (const user of attendees) {
      for (const url of user.attendeeOf) {
        expect(siteByUrl.get(url)?.attendeeAccountEnabled, `${user.email} on ${url}`).toBe(true);
        expect(user.siteAdminOf).not.toContain(url);
        expect(has(user, (l) => l.service === 'meetings' && l.siteUrl === url), `${user.email} host and attendee`).toBe(false);
      }
    }
  });

  it('keeps every user within the rules: one calling tier, no Standard with CX', () => {
    for (const user of org.users) {
      expect(licensesOf(user).filter((l) => l.service === 'calling').length, user.email).toBeLessThanOrEqual(1);
      expect(has(user, isStd) && has(user, isCx), user.email).toBe(false);
    }
  });

  it('has one license with no free unit and some nearly full, never over the total (R12)', () => {
    const free = org.licenses.map((l) => ({ id: l.id, free: l.totalUnits - (used.get(l.id) ?? 0) }));
    for (const f of free) expect(f.free, f.id).toBeGreaterThanOrEqual(0);
    const full = free.filter((f) => f.free === 0);
    expect(full.length).toBeGreaterThanOrEqual(1);
    expect(full.length).toBeLessThanOrEqual(2);
    expect(free.filter((f) => f.free > 0 && f.free <= 2).length).toBeGreaterThanOrEqual(2);
  });

  it('has two admins and a helpdesk agent who are users of the org', () => {
    const admins = org.roles.filter((r) => r.role === 'admin').map((r) => r.email);
    const helpdesk = org.roles.filter((r) => r.role === 'helpdesk').map((r) => r.email);
    expect(admins).toEqual(['admin@acme.example', 'noor.admin@acme.example']);
    expect(helpdesk).toEqual(['helpdesk@acme.example']);
    for (const email of [...admins, ...helpdesk]) expect(userByEmail.has(email), email).toBe(true);
  });

  it('has varied Webex activity for `reclaim`: most seen lately, some licensed users idle for months, one never seen, none for the pending invite', () => {
    const asOf = Date.parse(DEMO_ACTIVITY_AS_OF);
    const idleDays = (u: User) => (asOf - Date.parse(u.lastActivity!)) / (24 * 3600 * 1000);
    const seen = org.users.filter((u) => u.lastActivity !== undefined);
    const idle90 = seen.filter((u) => idleDays(u) >= 90 && u.licenseIds.length > 0);
    expect(idle90.length).toBeGreaterThanOrEqual(6);
    expect(idle90.some((u) => u.type === 'external')).toBe(true);
    expect(idle90.some((u) => has(u, (l) => l.service === 'attendantConsole'))).toBe(true); // R3 for reclaim
    expect(seen.filter((u) => idleDays(u) >= 60 && idleDays(u) < 90).length).toBeGreaterThanOrEqual(1); // `reclaim 60` shows more
    expect(seen.filter((u) => idleDays(u) < 3).length).toBeGreaterThan(org.users.length / 2);
    for (const email of ['admin@acme.example', 'noor.admin@acme.example', 'helpdesk@acme.example']) expect(idleDays(userByEmail.get(email)!)).toBeLessThan(3);
    expect(org.users.filter((u) => u.lastActivity === undefined).map((u) => u.email).sort()).toEqual(['lena.fischer@contoso-consult.example', 'sara.van.der.linden@acme.example']);
  });

  it('moves the activity dates to today for a desk started from it (local mode)', () => {
    const now = new Date('2027-03-01T12:00:00.000Z');
    const moved = withActivityAsOf(org, now);
    const shift = now.getTime() - Date.parse(DEMO_ACTIVITY_AS_OF);
    for (const [index, user] of org.users.entries()) {
      const after = moved.users[index]!;
      if (user.lastActivity) expect(Date.parse(after.lastActivity!) - Date.parse(user.lastActivity)).toBe(shift);
      else expect(after.lastActivity).toBeUndefined();
      expect({ ...after, lastActivity: user.lastActivity }).toEqual(user);
    }
  });
});
