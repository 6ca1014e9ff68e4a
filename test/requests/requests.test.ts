// A helpdesk agent's request from the wizard to an admin's decision: submit, approve and
// apply, reject, approve after the user changed (re-check fails), two admins at once,
// expiry; and the audit lines each path leaves.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, HELPDESK } from '../helpers/bot-harness.js';
import { tr } from '../../src/i18n/index.js';
import { APPROVALS, HELPDESK_ROOM, createDeskHarness, type DeskHarness } from './desk-harness.js';

const EMMA = 'emma.bakker@acme.example';
const ADV_MESSAGING = 'lic-adv-messaging-100101';
const DAY = 24 * 60 * 60 * 1000;

let h: DeskHarness;
afterEach(async () => h?.close());

const emma = () => h.store.userByEmail(EMMA)!;

/** The helpdesk agent asks for Advanced Messaging for Emma; returns the approval card. */
async function submitRequest(reason = 'Emma moves to the support team on Monday') {
  await h.say(HELPDESK, `licenses ${EMMA}`);
  await h.click(HELPDESK, 'Edit licenses');
  await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
  await h.click(HELPDESK, 'Apply and review', { [`lic.${ADV_MESSAGING}`]: 'true' });
  await h.click(HELPDESK, 'Submit request', { reason });
  const approval = h.cardsIn(APPROVALS).at(-1);
  if (!approval) throw new Error('no approval card');
  return approval;
}

describe('helpdesk requests', () => {
  it('the review asks for a reason; the request is stored, audited and an approval card goes to the approvals space', async () => {
    h = await createDeskHarness();
    const before = emma();
    await h.say(HELPDESK, `licenses ${EMMA}`);
    await h.click(HELPDESK, 'Edit licenses');
    await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
    await h.click(HELPDESK, 'Apply and review', { [`lic.${ADV_MESSAGING}`]: 'true' });
    const review = h.lastCard();
    expect(h.buttons(review)).toEqual(['Submit request', 'Back', 'Cancel']);
    const reason = JSON.stringify(review.card).match(/"type":"Input.Text","id":"reason"[^}]*/)?.[0] ?? '';
    expect(reason).toContain('"isRequired":true');

    // An empty reason (a crafted submit, Webex's client would not send it) files nothing.
    await h.click(HELPDESK, 'Submit request', { reason: '   ' }, { card: review });
    expect(h.lastText()).toContain('A request needs a reason');
    expect(h.store.requests()).toEqual([]);

    await h.click(HELPDESK, 'Submit request', { reason: 'Emma moves to the support team' }, { card: review });
    const [request] = h.store.requests();
    expect(request).toMatchObject({ status: 'open', requesterEmail: HELPDESK.email, targetUserId: before.id, baseRev: before.rev, roomId: HELPDESK_ROOM });
    expect(request!.expiresAt).toBe(new Date(h.clock.now.getTime() + 7 * DAY).toISOString());
    expect(emma()).toEqual(before); // nothing applied yet
    expect(h.lastText()).toContain('Request submitted');

    const approval = h.cardsIn(APPROVALS).at(-1)!;
    const text = h.textOf(approval);
    expect(text).toContain('Change request for Emma Bakker');
    expect(text).toContain('helpdesk@acme.example'); // who asks
    expect(text).toContain('Emma Bakker · emma.bakker@acme.example'); // for whom
    expect(text).toContain('Emma moves to the support team'); // why
    expect(text).toContain('+ Advanced Messaging · Sub-100101'); // the diff
    expect(text).toContain('The rules allow this change now.'); // the verdict as an admin
    expect(h.buttons(approval)).toEqual(['Approve', 'Reject']);

    expect(h.auditLines().at(-1)).toMatchObject({
      action: 'request.submit',
      actorId: HELPDESK.personId,
      actorEmail: HELPDESK.email,
      targetUserId: before.id,
      requestId: request!.id,
      after: { licenseIds: expect.arrayContaining([ADV_MESSAGING]) },
      details: { reason: 'Emma moves to the support team' },
    });
  });

  it('without an approvals space each admin gets the card 1:1', async () => {
    h = await createDeskHarness({ approvalsRoomId: undefined, adminEmails: ['boss@acme.example'] });
    await submitRequest().catch(() => undefined);
    const direct = h.outbox.cards().filter((s) => s.toPerson).map((s) => s.toPerson);
    expect(direct.sort()).toEqual(['admin@acme.example', 'boss@acme.example', 'noor.admin@acme.example']);
  });

  it('approve: applied in one commit, both told, audited with the request id', async () => {
    h = await createDeskHarness();
    const approval = await submitRequest();
    const requestId = h.store.requests()[0]!.id;
    await h.click(ADMIN, 'Approve', { comment: 'ok, welcome Emma' }, { card: approval });

    expect(emma().licenseIds).toContain(ADV_MESSAGING);
    expect(h.store.request(requestId)).toMatchObject({ status: 'approved', decidedBy: ADMIN.email, comment: 'ok, welcome Emma', version: 1 });
    const toApprover = h.cardsIn(APPROVALS).at(-1)!;
    expect(h.textOf(toApprover)).toContain('Request approved');
    const toRequester = h.cardsIn(HELPDESK_ROOM).at(-1)!;
    expect(h.textOf(toRequester)).toContain('Request R-1 for Emma Bakker was approved by admin@acme.example and the change is saved.');
    expect(h.textOf(toRequester)).toContain('ok, welcome Emma');
    expect(h.outbox.deleted.has(approval.messageId)).toBe(true);

    const [approve, change] = h.auditLines().slice(-2);
    expect(approve).toMatchObject({ action: 'request.approve', actorEmail: ADMIN.email, targetUserId: emma().id, requestId, requestNumber: 1, eventId: expect.any(String) });
    expect(change).toMatchObject({
      action: 'license.change',
      actorEmail: ADMIN.email,
      targetUserId: emma().id,
      requestId,
      requestNumber: 1,
      after: { licenseIds: expect.arrayContaining([ADV_MESSAGING]) },
      before: { licenseIds: expect.not.arrayContaining([ADV_MESSAGING]) },
    });
    expect(approve!.seq + 1).toBe(change!.seq);
  });

  it('reject: nothing applied, the requester told with the comment, audited', async () => {
    h = await createDeskHarness();
    const before = emma();
    const approval = await submitRequest();
    await h.click(ADMIN2, 'Reject', { comment: 'Use the shared mailbox instead' }, { card: approval });
    expect(emma()).toEqual(before);
    const request = h.store.requests()[0]!;
    expect(request).toMatchObject({ status: 'rejected', decidedBy: ADMIN2.email });
    const told = h.textOf(h.cardsIn(HELPDESK_ROOM).at(-1)!);
    expect(told).toContain('was rejected by noor.admin@acme.example. Nothing was changed.');
    expect(told).toContain('Use the shared mailbox instead');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'request.reject', actorEmail: ADMIN2.email, requestId: request.id, targetUserId: before.id });
  });

  it('approve after the user changed: the re-check fails, nothing is applied, both are told why', async () => {
    h = await createDeskHarness();
    const approval = await submitRequest();
    // Meanwhile an admin gives Emma another license directly.
    const u = emma();
    await h.store.commit({ mutations: [{ type: 'user.assign', userId: u.id, expectedRev: u.rev, licenseIds: u.licenseIds.filter((id) => id !== u.licenseIds[0]), attendeeOf: u.attendeeOf }] });
    const changed = emma();
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    expect(emma()).toEqual(changed);
    const request = h.store.requests()[0]!;
    expect(request).toMatchObject({ status: 'failed', failureCodes: ['request.fail.user-changed'] });
    for (const room of [APPROVALS, HELPDESK_ROOM]) {
      const text = h.textOf(h.cardsIn(room).at(-1)!);
      expect(text).toContain('Request could not be applied');
      expect(text).not.toContain('Request approved');
      expect(text).toContain('The user\'s licenses were changed after the request was made.');
    }
    expect(tr({ locale: 'nl' }, 'request.outcome.failed.title')).toBe('Verzoek kon niet worden doorgevoerd');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'request.fail', actorEmail: ADMIN.email, requestId: request.id, codes: ['request.fail.user-changed'] });
    expect(h.auditLines().filter((l) => l.action === 'license.change')).toEqual([]);
  });

  it('approve when the rules no longer allow it: failed with the rule codes', async () => {
    h = await createDeskHarness();
    const approval = await submitRequest();
    // Every free Advanced Messaging unit is taken meanwhile (R12), without touching Emma.
    const license = h.store.license(ADV_MESSAGING)!;
    const others = h.store.searchUsers({ limit: 100 }).users.filter((u) => u.email !== EMMA && !u.licenseIds.includes(ADV_MESSAGING));
    for (const u of others.slice(0, license.totalUnits - h.store.usedUnits(ADV_MESSAGING))) {
      await h.store.commit({ mutations: [{ type: 'user.assign', userId: u.id, expectedRev: u.rev, licenseIds: [...u.licenseIds, ADV_MESSAGING], attendeeOf: u.attendeeOf }] });
    }
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    const request = h.store.requests()[0]!;
    expect(request.status).toBe('failed');
    expect(request.failureCodes).toEqual([expect.stringMatching(/^R12\./)]);
    expect(emma().licenseIds).not.toContain(ADV_MESSAGING);
    expect(h.textOf(h.cardsIn(HELPDESK_ROOM).at(-1)!)).toContain('has no free unit');
  });

  it('two admins deciding at the same moment: one decision only, the other is told who decided', async () => {
    h = await createDeskHarness();
    const approval = await submitRequest();
    await Promise.all([
      h.click(ADMIN, 'Approve', {}, { card: approval }),
      h.click(ADMIN2, 'Reject', { comment: 'no' }, { card: approval }),
    ]);
    const request = h.store.requests()[0]!;
    expect(['approved', 'rejected']).toContain(request.status);
    expect(request.version).toBe(1);
    const decisions = h.auditLines().filter((l) => l.action === 'request.approve' || l.action === 'request.reject');
    expect(decisions).toHaveLength(1);
    const answers = h.cardsIn(APPROVALS).map((s) => h.textOf(s)).filter((t) => t.includes('Already decided'));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain(`was already decided by ${request.decidedBy}`);
    // A later click on the same card changes nothing either.
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    expect(h.lastText()).toContain('Already decided');
    expect(h.store.request(request.id)!.version).toBe(1);
  });

  it('expiry: after the configured days the request expires on the next event, is audited, the requester is told, and Approve does nothing', async () => {
    h = await createDeskHarness({ requestExpiryDays: 2 });
    const before = emma();
    const approval = await submitRequest();
    const id = h.store.requests()[0]!.id;
    h.clock.advance(2 * DAY - 1000);
    await h.say(ADMIN, 'usage', { roomId: 'room-admin' });
    expect(h.store.request(id)!.status).toBe('open');
    h.clock.advance(1000);
    await h.say(ADMIN, 'usage', { roomId: 'room-admin' });
    expect(h.store.request(id)!.status).toBe('expired');
    expect(h.textOf(h.cardsIn(HELPDESK_ROOM).at(-1)!)).toContain('Request R-1 for Emma Bakker was not decided in time and has expired.');
    expect(h.auditLines().filter((l) => l.action === 'request.expire')).toEqual([
      expect.objectContaining({ actorId: 'system', requestId: id, targetUserId: before.id }),
    ]);
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    expect(h.lastText()).toContain('Request R-1 expired');
    expect(emma()).toEqual(before);
  });

  it('expiry is also checked lazily when the request itself is touched', async () => {
    h = await createDeskHarness({ requestExpiryDays: 1 });
    const approval = await submitRequest();
    h.clock.advance(DAY + 1);
    await h.click(ADMIN, 'Approve', {}, { card: approval });
    expect(h.store.requests()[0]!.status).toBe('expired');
    expect(h.auditLines().filter((l) => l.action === 'request.expire')).toHaveLength(1);
    expect(h.auditLines().filter((l) => l.action === 'request.approve')).toHaveLength(0);
  });

  it('`requests`: admins see the open ones, a helpdesk agent their own with status', async () => {
    h = await createDeskHarness();
    const approval = await submitRequest('first');
    await h.say(ADMIN, 'requests');
    expect(h.lastText()).toContain('Open requests');
    expect(h.lastText()).toContain('R-1 · Emma Bakker (emma.bakker@acme.example) · open · by helpdesk@acme.example');
    await h.click(ADMIN, 'Reject', {}, { card: approval });
    await h.say(ADMIN, 'requests');
    expect(h.lastText()).toContain('There are no open requests.');
    await h.say(HELPDESK, 'requests');
    expect(h.lastText()).toContain('Your requests');
    expect(h.lastText()).toContain('R-1 · Emma Bakker (emma.bakker@acme.example) · rejected');
  });

  it('`request R-1` shows an admin the approval card again, which decides it like the original', async () => {
    h = await createDeskHarness();
    await submitRequest();
    expect(h.textOf(h.cardsIn(APPROVALS).at(-1)!)).toContain('Request\nR-1'); // the approval card's facts name it
    expect(h.lastText()).toContain('Your request R-1 for Emma Bakker is waiting'); // the approval card's facts name it
    await h.say(ADMIN2, 'request R-1', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('Change request for Emma Bakker');
    await h.click(ADMIN2, 'Approve');
    expect(emma().licenseIds).toContain(ADV_MESSAGING);
    for (const typed of ['R-1', 'r1', '1', h.store.requests()[0]!.id]) {
      await h.say(ADMIN2, `request ${typed}`, { roomId: 'room-admin' });
      expect(h.lastText()).toContain('Request R-1 for Emma Bakker was approved by noor.admin@acme.example');
    }
    await h.say(ADMIN2, 'request r-404', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('There is no request "r-404"');
    await h.say(ADMIN2, 'request R-7', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('There is no request "R-7"');
  });

  it('a request shown with its full id before numbers existed is found by the id\'s start; a start several share lists them', async () => {
    h = await createDeskHarness();
    await submitRequest();
    const filed = h.store.requests()[0]!;
    const older = (id: string) => ({ ...filed, id, number: undefined, approvalCards: undefined });
    await h.store.commit({ mutations: [{ type: 'request.put', request: older('b0fc77c0-1e2d-4c5b-9a8f-000000000001') }] });
    await h.store.commit({ mutations: [{ type: 'request.put', request: older('b0fc77c0-1e2d-4c5b-9a8f-000000000002') }] });
    await h.say(ADMIN, 'request b0fc77c0-1e2d-4c5b-9a8f-000000000002', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('Change request for Emma Bakker');
    expect(h.lastText()).toContain('Request\nR-3');
    await h.say(ADMIN, 'request b0fc77c0', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('Several requests start with "b0fc77c0": R-2, R-3. Type one of them, for example `request R-2`.');
    await h.say(ADMIN, 'request b0fc77c0-1e2d-4c5b-9a8f-0000000000', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('Several requests start with');
    await h.say(ADMIN, 'request b0fc77c0-1e2d-4c5b-9a8f-000000000001', { roomId: 'room-admin' });
    expect(h.lastText()).toContain('Request\nR-2');
  });
});
