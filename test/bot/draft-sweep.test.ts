// Drafts nobody clicks again would stay in the store forever: the bot removes drafts past
// their expiresAt on the events it handles, in one commit, at most every few minutes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_TTL_MS } from '../../src/flows/drafts.js';
import { ADMIN, ADMIN2, HELPDESK, createHarness, type Harness } from '../helpers/bot-harness.js';

let h: Harness;
afterEach(async () => h?.close());

const MINUTE = 60 * 1000;
const FAR_FUTURE = new Date('2100-01-01T00:00:00.000Z');
/** Every draft in the store (all are expired by 2100). */
const draftIds = () => h.store.expiredDrafts(FAR_FUTURE).map((d) => d.id).sort();

describe('expired drafts are swept', () => {
  it('drafts nobody clicked again are deleted in one commit once expired, on someone else\'s event', async () => {
    h = await createHarness();
    const before = draftIds();
    await h.say(ADMIN, 'licenses emma.bakker@acme.example');
    await h.say(ADMIN2, 'external');
    const mine = draftIds().filter((id) => !before.includes(id));
    expect(mine).toHaveLength(2);
    const auditBefore = h.auditLines().length;

    h.clock.advance(DRAFT_TTL_MS + MINUTE);
    const commit = vi.spyOn(h.store, 'commit');
    await h.say(HELPDESK, 'usage');
    expect(h.lastText()).toContain('License usage');
    for (const id of mine) expect(h.store.draft(id)).toBeUndefined();
    const deletes = commit.mock.calls.filter(([input]) => input.mutations.some((m) => m.type === 'draft.delete'));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]![0].mutations.filter((m) => m.type === 'draft.delete').map((m) => (m as { draftId: string }).draftId).sort()).toEqual(
      expect.arrayContaining(mine),
    );
    expect(h.auditLines()).toHaveLength(auditBefore); // housekeeping, not a change anyone made
  });

  it('sweeps at most every 5 minutes: a draft that expires just after a sweep waits for the next one', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses emma.bakker@acme.example'); // first event: sweeps, nothing expired yet
    const [draft] = h.store.expiredDrafts(FAR_FUTURE).filter((d) => d.ownerId === ADMIN.personId);
    expect(draft).toBeDefined();

    h.clock.advance(DRAFT_TTL_MS - MINUTE);
    await h.say(HELPDESK, 'usage'); // sweeps: the draft still has a minute
    h.clock.advance(2 * MINUTE);
    await h.say(HELPDESK, 'usage'); // expired now, but the last sweep was 2 minutes ago
    expect(h.store.draft(draft!.id)).toBeDefined();
    h.clock.advance(5 * MINUTE);
    await h.say(HELPDESK, 'usage');
    expect(h.store.draft(draft!.id)).toBeUndefined();
  });

  it('the owner clicking an expired card still gets the expired answer after the sweep removed it', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses emma.bakker@acme.example');
    const card = h.lastCard();
    h.clock.advance(DRAFT_TTL_MS + MINUTE);
    await h.say(HELPDESK, 'usage');
    await h.click(ADMIN, 'Edit licenses', {}, { card });
    expect(h.lastText()).toMatch(/expired/i);
  });
});
