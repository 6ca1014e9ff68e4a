import { describe, expect, it } from 'vitest';
import { adminToken, allPages, BRANCH, call, HQ, LIC, orgEmulator, personToken } from './org-fixture.js';

describe('org people: the admin view of GET /people', () => {
  it('lists everyone in the org to an admin, paged by max and Link rel="next"', async () => {
    const emulator = orgEmulator(230);
    const pages = await allPages(emulator, adminToken(emulator), '/people?max=100');
    expect(pages.map((p) => p.json.items.length)).toEqual([100, 100, 38]);
    const emails = pages.flatMap((p) => p.json.items.map((i: { emails: string[] }) => i.emails[0]));
    // 230 + 6 seeded org people + ann and bob from the chat seed; the bot is no person.
    expect(new Set(emails).size).toBe(238);
    expect(emails).not.toContain('desk@webex.bot');
  });

  it('still needs a filter for a non-admin caller', async () => {
    const emulator = orgEmulator();
    expect((await call(emulator, personToken(emulator, 'bob@acme.example'), 'GET', '/people')).status).toBe(400);
  });

  it('shows admin fields to an admin on lists and /people/{id}, not on ?id= lookups nor to others', async () => {
    const emulator = orgEmulator();
    const listed = await call(emulator, adminToken(emulator), 'GET', '/people?email=dave@acme.example');
    expect(listed.json.items[0]).toMatchObject({
      licenses: [LIC.std],
      siteUrls: ['acme.webex.com#attendee'],
      roles: [],
      invitePending: 'false',
      loginEnabled: 'true',
    });
    expect(listed.json.items[0].extension).toBeUndefined();
    const id = listed.json.items[0].id as string;
    const withCalling = await call(emulator, adminToken(emulator), 'GET', `/people/${id}?callingData=true`);
    expect(withCalling.json).toMatchObject({ extension: '101', locationId: HQ, licenses: [LIC.std] });
    const carol = emulator.org.person('carol@acme.example')!.personId;
    expect((await call(emulator, adminToken(emulator), 'GET', `/people/${carol}?callingData=true`)).json.phoneNumbers).toEqual([
      { type: 'work', value: '+15550000001', primary: true },
    ]);
    expect((await call(emulator, adminToken(emulator), 'GET', `/people?id=${id}`)).json.items[0].licenses).toBeUndefined();
    expect((await call(emulator, personToken(emulator, 'bob@acme.example'), 'GET', `/people/${id}`)).json.licenses).toBeUndefined();
    const pending = await call(emulator, adminToken(emulator), 'GET', '/people?email=pat@acme.example');
    expect(pending.json.items[0].invitePending).toBe('true');
    const ann = await call(emulator, adminToken(emulator), 'GET', '/people?email=ann@acme.example');
    expect(ann.json.items[0].roles).toHaveLength(1);
  });

  it('lists the people of a location to an admin', async () => {
    const emulator = orgEmulator();
    const answer = await call(emulator, adminToken(emulator), 'GET', `/people?locationId=${HQ}`);
    expect(answer.json.items.map((p: { emails: string[] }) => p.emails[0]).sort()).toEqual(['carol@acme.example', 'dave@acme.example']);
  });

  it('makes org people the same directory as chat people, outside the group space', async () => {
    const emulator = orgEmulator();
    expect(emulator.people().filter((p) => p.emails[0] === 'ann@acme.example')).toHaveLength(1);
    const members = await call(emulator, emulator.state.botToken, 'GET', `/memberships?roomId=${emulator.groupRoom.id}`);
    expect(members.json.items.map((m: { personEmail: string }) => m.personEmail).sort()).toEqual(['ann@acme.example', 'bob@acme.example', 'desk@webex.bot']);
    const added = emulator.org.addPerson({ email: 'zoe@acme.example', displayName: 'Zoe Late', licenses: [LIC.messaging], attendeeOf: [], siteAdminOf: [] });
    expect(emulator.org.person('zoe@acme.example')).toMatchObject({ personId: added.id, licenses: [LIC.messaging] });
  });
});

describe('org locations and numbers', () => {
  it('lists locations (name filter, paging)', async () => {
    const emulator = orgEmulator();
    const all = await call(emulator, adminToken(emulator), 'GET', '/locations');
    expect(all.json.items).toEqual([
      { id: HQ, name: 'HQ', orgId: expect.any(String) },
      { id: BRANCH, name: 'Branch', orgId: expect.any(String) },
    ]);
    expect((await call(emulator, adminToken(emulator), 'GET', '/locations?name=bran')).json.items).toHaveLength(1);
    const pages = await allPages(emulator, adminToken(emulator), '/locations?max=1');
    expect(pages.map((p) => p.json.items[0].id)).toEqual([HQ, BRANCH]);
  });

  it('lists the unassigned numbers a person can get, by location, paged by max and start', async () => {
    const emulator = orgEmulator();
    const path = '/telephony/config/people/primary/availableNumbers';
    const hq = await call(emulator, adminToken(emulator), 'GET', `${path}?locationId=${HQ}`);
    expect(hq.json.phoneNumbers).toEqual(
      ['+15550000002', '+15550000003', '+15550000004'].map((phoneNumber) => ({
        phoneNumber, state: 'ACTIVE', isMainNumber: false, telephonyType: 'PSTN_NUMBER', isServiceNumber: false,
      })),
    );
    const pages = await allPages(emulator, adminToken(emulator), `${path}?max=2`);
    expect(pages.flatMap((p) => p.json.phoneNumbers.map((n: { phoneNumber: string }) => n.phoneNumber))).toHaveLength(4);
    expect(pages[0]!.headers.get('link')).toMatch(/start=2/);
    // Assigning one takes it off the list.
    const gina = { email: 'gina@acme.example', licenses: [{ id: LIC.pro, properties: { phoneNumber: '+15550000002' } }] };
    expect((await call(emulator, adminToken(emulator), 'PATCH', '/licenses/users', gina)).status).toBe(200);
    expect(emulator.org.person('gina@acme.example')!.calling).toEqual({ locationId: HQ, phoneNumber: '+15550000002' });
    expect((await call(emulator, adminToken(emulator), 'GET', `${path}?locationId=${HQ}`)).json.phoneNumbers).toHaveLength(2);
    expect((await call(emulator, adminToken(emulator), 'GET', `${path}?locationId=nope`)).status).toBe(404);
  });
});
