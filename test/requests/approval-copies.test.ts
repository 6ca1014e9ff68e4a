// Cards that tell the truth (issue 18): once a request is decided, every other admin's copy of
// its approval card says who decided and how — edited in place where the transport can (as
// Webex does with PUT /v1/messages/{id}), else deleted with a one-line notice where it was.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, HELPDESK } from '../helpers/bot-harness.js';
import { createDeskHarness, type DeskHarness } from './desk-harness.js';

let h: DeskHarness;
afterEach(async () => h?.close());

const EMMA = 'emma.bakker@acme.example';
const toAdmin = `direct:${ADMIN.email}`;
const toAdmin2 = `direct:${ADMIN2.email}`;

/** A helpdesk request for Emma; without an approvals space each admin gets a copy 1:1. */
async function fileRequest() {
  await h.say(HELPDESK, `licenses ${EMMA}`);
  await h.click(HELPDESK, 'Edit licenses');
  await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
  await h.click(HELPDESK, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
  await h.click(HELPDESK, 'Submit request', { reason: 'Emma moves to the support team' });
  const request = h.store.requests()[0]!;
  const mine = h.cardsIn(toAdmin).at(-1)!;
  const theirs = h.cardsIn(toAdmin2).at(-1)!;
  expect(h.buttons(mine)).toEqual(['Approve', 'Reject']);
  expect(h.buttons(theirs)).toEqual(['Approve', 'Reject']);
  return { request, mine, theirs };
}

describe('every copy of an approval card tells the decision', () => {
  it('two admins get the card; after one approves, the other’s card (edited in place) says who approved', async () => {
    h = await createDeskHarness({ approvalsRoomId: undefined }, { edits: true });
    const { request, mine, theirs } = await fileRequest();
    expect(h.store.request(request.id)!.approvalCards!.map((c) => c.messageId).sort()).toEqual([mine.messageId, theirs.messageId].sort());
    await h.click(ADMIN, 'Approve', {}, { card: mine });
    expect(h.store.request(request.id)!.status).toBe('approved');
    const other = h.outbox.sent.find((s) => s.messageId === theirs.messageId)!;
    expect(h.outbox.edited.has(theirs.messageId)).toBe(true);
    expect(h.textOf(other)).toContain('Request decided');
    expect(h.textOf(other)).toContain(`Decided by ${ADMIN.email}: approved. The change for Emma Bakker is saved.`);
    expect(h.buttons(other)).toEqual([]);
    expect(h.textOf(other)).not.toContain('waiting for an administrator');
    // The approver's own copy became the outcome.
    expect(h.textOf(h.outbox.sent.find((s) => s.messageId === mine.messageId)!)).toContain('Request approved');
  });

  it('without edits the other copy is deleted and a one-line notice says who rejected it', async () => {
    h = await createDeskHarness({ approvalsRoomId: undefined });
    const { theirs } = await fileRequest();
    const mine = h.cardsIn(toAdmin).at(-1)!;
    await h.click(ADMIN, 'Reject', { comment: 'not now' }, { card: mine });
    expect(h.outbox.deleted.has(theirs.messageId)).toBe(true);
    const notice = h.outbox.sent.filter((s) => s.roomId === toAdmin2 && s.text !== undefined).at(-1)!;
    expect(notice.text).toContain(`Decided by ${ADMIN.email}: rejected. Nothing was changed for Emma Bakker.`);
    expect(notice.text!.split('\n')).toHaveLength(1);
  });

  it('a copy shown with `request <id>` is told too, and a refused approval is "could not be applied"', async () => {
    h = await createDeskHarness({ approvalsRoomId: undefined }, { edits: true });
    const { request, mine } = await fileRequest();
    await h.say(ADMIN2, `request ${request.id}`, { roomId: 'room-noor' });
    const shown = h.cardsIn('room-noor').at(-1)!;
    expect(h.buttons(shown)).toEqual(['Approve', 'Reject']);
    // Meanwhile someone changes Emma: the approval's re-check fails.
    const emma = h.store.userByEmail(EMMA)!;
    await h.store.commit({ mutations: [{ type: 'user.assign', userId: emma.id, expectedRev: emma.rev, licenseIds: emma.licenseIds.slice(1), attendeeOf: emma.attendeeOf }] });
    await h.click(ADMIN, 'Approve', {}, { card: mine });
    expect(h.store.request(request.id)!.status).toBe('failed');
    const other = h.outbox.sent.find((s) => s.messageId === shown.messageId)!;
    expect(h.textOf(other)).toContain(`Decided by ${ADMIN.email}: approved, but it could not be applied.`);
    expect(h.textOf(h.outbox.sent.find((s) => s.messageId === mine.messageId)!)).toContain('Request could not be applied');
  });

  it('an expired request: every admin\'s copy says so, none offers Approve any more', async () => {
    h = await createDeskHarness({ approvalsRoomId: undefined }, { edits: true });
    const { request, mine, theirs } = await fileRequest();
    h.clock.advance(8 * 24 * 3600 * 1000); // past REQUEST_EXPIRY_DAYS (7)
    await h.say(ADMIN, 'help'); // any event sweeps the due requests
    expect(h.store.request(request.id)!.status).toBe('expired');
    for (const copy of [mine, theirs]) {
      const now = h.outbox.sent.find((s) => s.messageId === copy.messageId)!;
      expect(h.textOf(now)).toContain('Request expired');
      expect(h.textOf(now)).toContain('Expired: no administrator decided in time. Nothing was changed for Emma Bakker.');
      expect(h.buttons(now)).toEqual([]);
    }
  });
});
