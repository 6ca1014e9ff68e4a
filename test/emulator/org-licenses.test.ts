import { describe, expect, it } from 'vitest';
import { adminToken, allPages, call, HQ, BRANCH, LIC, orgEmulator } from './org-fixture.js';

const patch = (emulator: ReturnType<typeof orgEmulator>, body: unknown) => call(emulator, adminToken(emulator), 'PATCH', '/licenses/users', body);
const add = (id: string, properties?: Record<string, string>) => ({ id, operation: 'add', ...(properties ? { properties } : {}) });
const remove = (id: string) => ({ id, operation: 'remove' });
const codes = (answer: { json: { errors: { errorCode: number }[] } }) => answer.json.errors.map((e) => e.errorCode);

describe('org licenses: GET /licenses and /licenses/{id}', () => {
  it('lists licenses with consumedUnits from their holders (pending ones included)', async () => {
    const emulator = orgEmulator(3);
    const list = await call(emulator, adminToken(emulator), 'GET', '/licenses');
    const byId = Object.fromEntries(list.json.items.map((l: { id: string }) => [l.id, l]));
    expect(byId[LIC.messaging]).toEqual({
      id: LIC.messaging, name: 'Messaging', totalUnits: 5000, consumedUnits: 4, consumedByUsers: 4, consumedByWorkspaces: 0, subscriptionId: 'Sub-1',
    });
    expect(byId[LIC.meetings]).toMatchObject({ siteUrl: 'acme.webex.com', siteType: 'Control Hub managed site', consumedUnits: 1 });
    await patch(emulator, { email: 'pat@acme.example', licenses: [add(LIC.meetings)] });
    const after = await call(emulator, adminToken(emulator), 'GET', `/licenses/${LIC.meetings}`);
    expect(after.json.consumedUnits).toBe(2);
  });

  it('pages the users of a license by limit and next (Link rel="next"), refusing limit > 300', async () => {
    const emulator = orgEmulator(25);
    const pages = await allPages(emulator, adminToken(emulator), `/licenses/${LIC.messaging}?includeAssignedTo=user&limit=10`);
    expect(pages.map((p) => p.json.users.length)).toEqual([10, 10, 6]);
    const users = pages.flatMap((p) => p.json.users);
    expect(new Set(users.map((u: { id: string }) => u.id)).size).toBe(pages[0]!.json.consumedUnits);
    expect(users[0]).toEqual({ id: expect.any(String), type: 'INTERNAL', displayName: 'Carol Pro', email: 'carol@acme.example' });
    expect(pages[0]!.headers.get('link')).toMatch(/limit=10&next=/);
    expect((await call(emulator, adminToken(emulator), 'GET', `/licenses/${LIC.messaging}?includeAssignedTo=user&limit=301`)).status).toBe(400);
    expect((await call(emulator, adminToken(emulator), 'GET', `/licenses/${LIC.messaging}`)).json.users).toBeUndefined();
    expect((await call(emulator, adminToken(emulator), 'GET', '/licenses/nope')).status).toBe(404);
  });
});

describe('org licenses: PATCH /licenses/users', () => {
  it('adds and removes licenses and attendee sites; answers UserLicensesResponse', async () => {
    const emulator = orgEmulator();
    const answer = await patch(emulator, {
      email: 'gina@acme.example',
      licenses: [add(LIC.meetings), add(LIC.pro, { locationId: HQ, extension: '200' })],
      siteUrls: [{ siteUrl: 'other.webex.com', accountType: 'attendee', operation: 'add' }],
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      orgId: expect.any(String),
      personId: emulator.org.person('gina@acme.example')!.personId,
      email: 'gina@acme.example',
      licenses: [LIC.meetings, LIC.pro],
      siteUrls: [{ siteUrl: 'other.webex.com', accountType: 'attendee' }, { siteUrl: 'acme.webex.com', accountType: 'host' }],
    });
    expect(emulator.org.person('gina@acme.example')).toMatchObject({ calling: { locationId: HQ, extension: '200' }, siteUrls: ['other.webex.com#attendee'] });
    const removed = await patch(emulator, { email: 'gina@acme.example', licenses: [remove(LIC.pro)], siteUrls: [{ siteUrl: 'other.webex.com', accountType: 'attendee', operation: 'remove' }] });
    expect(removed.json.licenses).toEqual([LIC.meetings]);
    expect(emulator.org.person('gina@acme.example')!.calling).toBeUndefined();
    expect(emulator.org.patchCount).toBe(2);
  });

  it.each([
    ['400404 Professional and Standard together', 'carol@acme.example', [add(LIC.std, { locationId: HQ, extension: '300' })], 400404],
    ['400404 Standard holder gets Professional', 'dave@acme.example', [add(LIC.pro)], 400404],
    ['400406 Standard with Attendant Console', 'dave@acme.example', [add(LIC.console)], 400406],
    ['400407 Standard with CX Essentials', 'dave@acme.example', [add(LIC.cx)], 400407],
    ['400407 CX holder gets Standard', 'erin@acme.example', [add(LIC.std, { locationId: HQ, extension: '301' })], 400407],
    ['400408 Attendant Console needs Professional', 'gina@acme.example', [add(LIC.console)], 400408],
    ['400411 Calling license without properties', 'gina@acme.example', [add(LIC.pro)], 400411],
    ['400411 extension without locationId', 'gina@acme.example', [add(LIC.pro, { extension: '555' })], 400411],
    ['400112 Professional to Standard downgrade', 'carol@acme.example', [remove(LIC.pro), add(LIC.std)], 400112],
    ['400410 CX Essentials to Standard', 'erin@acme.example', [remove(LIC.cx), add(LIC.std, { locationId: HQ, extension: '302' })], 400410],
    ['400413 one license per offer code', 'fred@acme.example', [add(LIC.meetingsOther)], 400413],
    ['400000 unknown license', 'gina@acme.example', [add('nope')], 400000],
    ['400 unknown location', 'gina@acme.example', [add(LIC.pro, { locationId: 'nope', extension: '400' })], 400],
    ['400 number of another location', 'gina@acme.example', [add(LIC.pro, { locationId: BRANCH, phoneNumber: '+15550000002' })], 400],
    ['400 number taken', 'gina@acme.example', [add(LIC.pro, { phoneNumber: '+15550000001' })], 400],
    ['400 extension taken in the location', 'gina@acme.example', [add(LIC.pro, { locationId: HQ, extension: '100' })], 400],
    ['400 extension malformed', 'gina@acme.example', [add(LIC.pro, { locationId: HQ, extension: '1x' })], 400],
    ['400 no free unit', 'gina@acme.example', [add(LIC.scarce)], 400],
  ])('refuses %s', async (_name, email, licenses, code) => {
    const emulator = orgEmulator();
    const before = emulator.org.person(email);
    const answer = await patch(emulator, { email, licenses });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toContain(code);
    expect(answer.json.trackingId).toMatch(/^EMULATOR_/);
    expect(emulator.org.person(email)).toEqual(before);
  });

  it('answers 400216 for an attendee site without the attendee feature, an unknown site or a host account type', async () => {
    const emulator = orgEmulator();
    for (const site of [
      { siteUrl: 'closed.webex.com', accountType: 'attendee' },
      { siteUrl: 'unknown.webex.com', accountType: 'attendee' },
      { siteUrl: 'acme.webex.com', accountType: 'host' },
    ]) {
      const answer = await patch(emulator, { email: 'gina@acme.example', siteUrls: [site] });
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual([{ errorCode: 400216, description: `Request contains invalid attendee siteUrls: ${site.siteUrl}` }]);
    }
  });

  it('undoes the removal of a refused downgrade: 400 lists both licenses', async () => {
    const emulator = orgEmulator();
    const answer = await patch(emulator, { email: 'carol@acme.example', licenses: [remove(LIC.pro), add(LIC.std, { locationId: HQ, extension: '100' })] });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].description).toMatch(new RegExp(`requested: ${LIC.pro},${LIC.std}$`));
    expect(emulator.org.person('carol@acme.example')!.licenses).toContain(LIC.pro);
  });

  it('applies what it can and answers 206 with what applied when a part fails', async () => {
    const emulator = orgEmulator();
    const mixed = await patch(emulator, { email: 'gina@acme.example', licenses: [add(LIC.meetings), add(LIC.meetingsOther)] });
    expect(mixed.status).toBe(206);
    expect(mixed.json.licenses).toEqual([LIC.meetings]);

    emulator.org.failNextSite('acme.webex.com');
    const forced = await patch(emulator, { email: 'gina@acme.example', licenses: [add(LIC.messaging)], siteUrls: [{ siteUrl: 'acme.webex.com', accountType: 'attendee' }] });
    expect(forced.status).toBe(206);
    expect(forced.json.licenses).toEqual([LIC.meetings, LIC.messaging]);
    expect(forced.json.siteUrls).not.toContainEqual({ siteUrl: 'acme.webex.com', accountType: 'attendee' });
    // Only the next one fails.
    const again = await patch(emulator, { email: 'gina@acme.example', siteUrls: [{ siteUrl: 'acme.webex.com', accountType: 'attendee' }] });
    expect(again.status).toBe(200);
  });

  it('upgrades Standard to Professional keeping the calling properties', async () => {
    const emulator = orgEmulator();
    const answer = await patch(emulator, { email: 'dave@acme.example', licenses: [remove(LIC.std), add(LIC.pro)] });
    expect(answer.status).toBe(200);
    expect(answer.json.licenses).toEqual([LIC.pro]);
    expect(emulator.org.person('dave@acme.example')!.calling).toEqual({ locationId: HQ, extension: '101' });
  });

  it('finds the person by personId; 404 for an unknown person; 400 without email or personId', async () => {
    const emulator = orgEmulator();
    const personId = emulator.org.person('gina@acme.example')!.personId;
    expect((await patch(emulator, { personId, licenses: [add(LIC.messaging)] })).status).toBe(200);
    expect((await patch(emulator, { email: 'nobody@acme.example', licenses: [add(LIC.messaging)] })).status).toBe(404);
    expect((await patch(emulator, { licenses: [add(LIC.messaging)] })).status).toBe(400);
  });

  it('keeps a pending user’s assignments pending (200) until the invite is accepted', async () => {
    const emulator = orgEmulator();
    const answer = await patch(emulator, {
      email: 'pat@acme.example',
      licenses: [add(LIC.meetings)],
      siteUrls: [{ siteUrl: 'other.webex.com', accountType: 'attendee' }],
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      licenses: [],
      siteUrls: [],
      pendingLicenses: [LIC.meetings],
      pendingSiteUrls: [{ siteUrl: 'other.webex.com', accountType: 'attendee' }, { siteUrl: 'acme.webex.com', accountType: 'host' }],
    });
    emulator.org.acceptInvite('pat@acme.example');
    expect(emulator.org.person('pat@acme.example')).toMatchObject({ invitePending: false, licenses: [LIC.meetings], pendingLicenses: [], siteUrls: ['other.webex.com#attendee'] });
  });

  it('takes injected faults on the route: 503 with Retry-After, a dropped connection, a held answer', async () => {
    const emulator = orgEmulator();
    emulator.faults.inject({ method: 'PATCH', path: /^\/licenses\/users$/, status: 503, retryAfterSeconds: 2 });
    const failed = await patch(emulator, { email: 'gina@acme.example', licenses: [add(LIC.messaging)] });
    expect(failed.status).toBe(503);
    expect(emulator.org.person('gina@acme.example')!.licenses).toEqual([]);

    emulator.faults.inject({ method: 'PATCH', path: /^\/licenses\/users$/, kind: 'timeout', holdMs: 60 });
    const started = Date.now();
    const held = await patch(emulator, { email: 'gina@acme.example', licenses: [add(LIC.messaging)] });
    expect(held.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(emulator.org.person('gina@acme.example')!.licenses).toEqual([LIC.messaging]);
  });

  it('lets a test change a person outside the desk, logged', async () => {
    const emulator = orgEmulator();
    emulator.org.changeOutsideDesk('carol@acme.example', { remove: [LIC.pro], add: [LIC.meetings], attendeeAdd: ['other.webex.com'] });
    expect(emulator.org.person('carol@acme.example')).toMatchObject({ licenses: [LIC.messaging, LIC.meetings], siteUrls: ['other.webex.com#attendee'] });
    expect(emulator.org.person('carol@acme.example')!.calling).toBeUndefined();
    expect(emulator.log.since(0).some((e) => e.title.startsWith('Control Hub') && e.who === 'carol@acme.example')).toBe(true);
    expect(() => emulator.org.changeOutsideDesk('carol@acme.example', { add: ['nope'] })).toThrow();
  });
});
