// The weekly reclaim report (issue 17, RECLAIM_REPORT=weekly) through the fake transport: off by
// default; on, every Monday 08:00 UTC the desk's schedule (which any message runs) sends the
// licenses with idle users and the units a removal would free to each administrator 1:1 in their
// language, or to APPROVALS_ROOM_ID; once per slot across runs, two bots and a restart; a desk that
// was down at the slot sends the latest one when it starts.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/index.js';
import { DEFAULT_RECLAIM_DAYS, reclaimCandidates, type FlowConfig } from '../../src/flows/index.js';
import { reportCard, reportSlot, REPORT_MARK } from '../../src/flows/reclaim/report.js';
import { openStore } from '../../src/store/index.js';
import { ADMIN, ADMIN2, createHarness, type Harness } from '../helpers/bot-harness.js';
import { cardText, createDriver, type Sent } from '../helpers/fake-transport.js';

const MINUTE = 60_000;
const DAY = 24 * 3600 * 1000;
const WEEKLY: Partial<FlowConfig> = { reclaimReport: 'weekly' };
const TITLE = { en: 'Licenses to win back: weekly report', nl: 'Licenties terugwinnen: weekoverzicht' };

let h: Harness;
afterEach(async () => h?.close());

const reports = (sent: Sent[] = h.outbox.cards()): Sent[] => sent.filter((s) => /Licenses to win back: weekly report|Licenties terugwinnen: weekoverzicht/.test(cardText(s.card!)));
/** Any message runs the desk's schedule first. */
const poke = () => h.say(ADMIN, 'help');
const markLastSent = (slot: string) => h.store.commit({ mutations: [{ type: 'mark.put', key: REPORT_MARK, value: slot }] });
/** The harness's clock to this moment (it starts on Friday 2026-11-27 10:00 UTC). */
const clockTo = (iso: string) => h.clock.advance(Date.parse(iso) - h.clock.now.getTime());

describe('the week slot', () => {
  it('is the latest Monday 08:00 UTC', () => {
    const slot = (iso: string) => reportSlot(new Date(iso)).toISOString();
    expect(slot('2026-11-27T10:00:00Z')).toBe('2026-11-23T08:00:00.000Z'); // Friday
    expect(slot('2026-11-30T07:59:59Z')).toBe('2026-11-23T08:00:00.000Z'); // Monday, a minute early
    expect(slot('2026-11-30T08:00:00Z')).toBe('2026-11-30T08:00:00.000Z');
    expect(slot('2026-12-06T23:59:00Z')).toBe('2026-11-30T08:00:00.000Z'); // Sunday
    expect(slot('2027-01-01T00:00:00Z')).toBe('2026-12-28T08:00:00.000Z'); // across the year
  });
});

describe('the weekly reclaim report', () => {
  it('is off by default: nothing is sent and nothing marked, also on a Monday morning', async () => {
    h = await createHarness();
    clockTo('2026-11-30T08:00:00Z');
    await poke();
    expect(reports()).toEqual([]);
    expect(h.store.mark(REPORT_MARK)).toBeUndefined();
  });

  it('goes to each administrator 1:1 at Monday 08:00 UTC: licenses with idle users and the units to free, a hint to type `reclaim`, once', async () => {
    h = await createHarness({ config: WEEKLY });
    await markLastSent('2026-11-23'); // last week's went
    await poke();
    clockTo('2026-11-30T07:59:00Z');
    await poke();
    expect(reports()).toEqual([]);

    h.clock.advance(MINUTE);
    await poke();
    const sent = reports();
    expect(sent.map((s) => s.toPerson).sort()).toEqual([ADMIN.email, ADMIN2.email]); // the demo org's admins (store roles)
    expect(h.store.mark(REPORT_MARK)).toBe('2026-11-30');
    const listing = reclaimCandidates(h.store, { days: DEFAULT_RECLAIM_DAYS, now: h.clock.now });
    const pro = listing.groups.find((g) => g.license.id === 'lic-calling-pro-100101')!;
    const text = cardText(sent[0]!.card!);
    expect(text.split('\n').slice(0, 4)).toEqual([ // the biggest win first
      TITLE.en,
      'Licensed users Webex has not seen active for 90 days or more (last activity on or before 2026-09-01), by license, most units to free first:',
      'Webex Messaging · Sub-100101',
      expect.stringMatching(/^Idle users: \d+ · units to free: \d+$/),
    ]);
    expect(text).toContain('Licensed users Webex has not seen active for 90 days or more (last activity on or before 2026-09-01), by license');
    expect(text).toContain(`Webex Calling - Professional · Sub-100101\nIdle users: ${pro.rows.length} · units to free: ${pro.unitsFreed}`);
    const units = listing.groups.reduce((sum, g) => sum + g.unitsFreed, 0);
    expect(text).toContain(`In total · idle users: ${listing.users} · units removing their licenses would free: ${units}`);
    expect(text).toContain(`Left out · kept by an administrator: 0 · never seen active: ${listing.neverSeen}`);
    expect(text).toContain('Type `reclaim` (or click Open the list)');
    expect(text).not.toMatch(/[€$£]/); // units, never prices
    expect(sent[0]!.card!.actions).toHaveLength(1);

    // Later runs in the same week send nothing more.
    await poke();
    h.clock.advance(3 * DAY);
    await poke();
    expect(reports()).toHaveLength(2);

    // Its button opens the list, as typing `reclaim` would (an administrator's command).
    await h.click(ADMIN, 'Open the list', {}, { card: sent.find((s) => s.toPerson === ADMIN.email)! });
    expect(h.lastText()).toContain('Win licenses back');
    expect(h.lastText()).toMatch(/Rows 1–8 of \d+/);

    // The next Monday: the next report.
    clockTo('2026-12-07T08:00:00Z');
    await poke();
    expect(reports()).toHaveLength(4);
    expect(h.store.mark(REPORT_MARK)).toBe('2026-12-07');
  });

  it('goes to APPROVALS_ROOM_ID instead when it is set, in the bot\'s language', async () => {
    h = await createHarness({ botLocale: 'nl', config: { ...WEEKLY, approvalsRoomId: 'room-approvals' } });
    await markLastSent('2026-11-23');
    clockTo('2026-11-30T09:30:00Z');
    await poke();
    const sent = reports();
    expect(sent.map((s) => [s.roomId, s.toPerson])).toEqual([['room-approvals', undefined]]);
    const text = cardText(sent[0]!.card!);
    expect(text).toContain(TITLE.nl);
    expect(text).toContain('Webex Calling - Professional · Sub-100101\nNiet-actieve gebruikers: ');
    expect(text).toContain('Typ `terugwinnen` (of klik op Lijst openen)');
    expect(text).toContain('Elke maandag om 08:00 UTC verstuurd');
  });

  it('reaches each administrator in their own language, the bot\'s when the desk does not know it', async () => {
    h = await createHarness({ config: WEEKLY });
    await h.store.commit({ mutations: [{ type: 'preference.put', personId: 'user-noor-admin', locale: 'nl' }] });
    await poke();
    const byPerson = new Map(reports().map((s) => [s.toPerson, cardText(s.card!)]));
    expect(byPerson.get(ADMIN2.email)).toContain(TITLE.nl);
    expect(byPerson.get(ADMIN2.email)).toContain('Lijst openen');
    expect(byPerson.get(ADMIN.email)).toContain(TITLE.en);
  });

  it('a desk that was down at the slot sends it when it starts, once, and only the latest slot when it missed several', async () => {
    h = await createHarness({ config: WEEKLY });
    await markLastSent('2026-11-02'); // three Mondays missed
    h.bot.start?.({ outbox: h.outbox }); // the schedule runs at start
    await poke(); // waits for that run
    await poke();
    expect(reports()).toHaveLength(2);
    expect(h.store.mark(REPORT_MARK)).toBe('2026-11-23');
  });

  it('is sent once per slot when two desks on the same store run at once, and not again after a restart', async () => {
    h = await createHarness({ config: WEEKLY });
    const other = createBot({ store: h.store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en', ...WEEKLY }, now: () => h.clock.now, newId: () => `other-${Math.random()}`, botNames: ['LicenseDesk'] });
    const otherDriver = createDriver(other, 'room-2');
    await Promise.all([poke(), otherDriver.say(ADMIN2, 'help'), poke()]);
    expect([...reports(), ...reports(otherDriver.outbox.cards())].map((s) => s.toPerson).sort()).toEqual([ADMIN.email, ADMIN2.email]);
    await other.stop?.();

    // A restart: the bot and its store closed, the same files opened again, a new bot.
    await h.bot.stop?.();
    await h.store.close();
    const store = await openStore({ dataFile: path.join(h.dir, 'db.json'), auditFile: path.join(h.dir, 'audit.log'), now: () => h.clock.now });
    try {
      expect(store.mark(REPORT_MARK)).toBe('2026-11-23');
      const restarted = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en', ...WEEKLY }, now: () => h.clock.now, botNames: ['LicenseDesk'] });
      const driver = createDriver(restarted, 'room-3');
      restarted.start?.({ outbox: driver.outbox });
      await driver.say(ADMIN, 'help');
      expect(reports(driver.outbox.cards())).toEqual([]);
      await restarted.stop?.();
    } finally {
      await store.close();
    }
  });

  it('keeps to a phone\'s length with many idle licenses, and says so when nothing is idle', async () => {
    h = await createHarness({ config: WEEKLY });
    h.clock.advance(365 * DAY); // nearly everyone is idle now
    await poke();
    const card = reports()[0]!.card!;
    const listing = reclaimCandidates(h.store, { days: DEFAULT_RECLAIM_DAYS, now: h.clock.now });
    const facts = (card.body as { type: string; facts?: unknown[] }[]).find((b) => b.type === 'FactSet')?.facts ?? [];
    expect(facts).toHaveLength(Math.min(8, listing.groups.length));
    if (listing.groups.length > 8) expect(cardText(card)).toContain(`More licenses: ${listing.groups.length - 8} · idle users: `);
    expect(JSON.stringify(card).length).toBeLessThan(16 * 1024);

    const none = reportCard({ locale: 'en' }, { days: 90, idleSince: '2026-09-01T08:00:00.000Z', groups: [], users: 0, kept: 1, neverSeen: 0 });
    expect(cardText(none.card)).toContain('No licensed user has been idle in Webex for 90 days or more (last activity on or before 2026-09-01): nothing to win back this week.');
    expect(cardText(none.card)).toContain('Left out · kept by an administrator: 1 · never seen active: 0');
  });
});
