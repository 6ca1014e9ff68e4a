// Issue 18: an operator answers "who changed whom" from the log alone. One info line per
// applied change, refusal, conflict (a stale card) and request decision, naming the actor,
// the target user, what changed and the audit seq, through the real bot on a real store.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, HELPDESK, STRANGER, createHarness, type Harness } from '../helpers/bot-harness.js';
import { captureLogs, type LogCapture } from '../helpers/log-capture.js';
import { APPROVALS, createDeskHarness } from '../requests/desk-harness.js';
import { operatorLine } from '../../src/flows/operator-lines.js';

const EMMA = 'emma.bakker@acme.example';
const ADV_MESSAGING = 'lic-adv-messaging-100101';

let h: Harness | undefined;
let logs: LogCapture | undefined;
afterEach(async () => {
  logs?.stop();
  await h?.close();
  h = undefined;
});

/** The admin (or agent) takes Emma to the review with Advanced Messaging added (or removed). */
async function toReview(harness: Harness, actor = ADMIN, holds: 'true' | 'false' = 'true'): Promise<void> {
  await harness.say(actor, `licenses ${EMMA}`);
  await harness.click(actor, 'Edit licenses');
  await harness.click(actor, 'Choose service', { service: 'messaging' });
  await harness.click(actor, 'Apply and review', { [`lic.${ADV_MESSAGING}`]: holds });
}

/** Log lines that contain every one of the parts. */
const linesWith = (...parts: string[]) => logs!.lines().filter((line) => parts.every((part) => line.includes(part)));

describe('operator log lines', () => {
  it('an applied change: one line with actor, target, the license added and the audit seq', async () => {
    h = await createHarness();
    await toReview(h);
    logs = captureLogs();
    await h.click(ADMIN, 'Save');
    const seq = h.auditLines().at(-1)!.seq;
    const lines = linesWith('licenses changed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\S+ info {2}\[[^\]]+\] licenses changed /);
    expect(lines[0]).toContain(`actor=${ADMIN.email} target=${EMMA} what=+Advanced Messaging seq=${seq}`);
  });

  it('a refusal (R11): one line naming who tried what, with the audit seq', async () => {
    h = await createHarness();
    logs = captureLogs();
    await h.say(STRANGER, `licenses ${EMMA}`);
    const seq = h.auditLines().at(-1)!.seq;
    expect(linesWith('refused: the role may not do this')).toEqual([expect.stringContaining(`actor=${STRANGER.email} what=licenses [R11.not-authorized] (role none) seq=${seq}`)]);
  });

  it('a stale card (the user changed meanwhile): one conflict line, nothing saved, no audit line', async () => {
    h = await createHarness();
    await toReview(h);
    const review = h.outbox.lastCard();
    await toReview(h, ADMIN2);
    await h.click(ADMIN2, 'Save');
    const audited = h.auditLines().length;
    logs = captureLogs();
    await h.click(ADMIN, 'Save', {}, { card: review });
    expect(h.auditLines()).toHaveLength(audited);
    const lines = linesWith('conflict');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`conflict: it changed first (a stale card), nothing saved actor=${ADMIN.email} target=${EMMA} what=user `);
    expect(lines[0]).not.toContain('seq=');
  });

  it('request decisions: approve and decline each log one line naming the approver, the user and the request', async () => {
    const desk = await createDeskHarness();
    h = desk;
    await toReview(desk, HELPDESK);
    logs = captureLogs();
    await desk.click(HELPDESK, 'Submit request', { reason: 'Emma joins support' });
    const requestId = `R-${desk.store.requests()[0]!.number}`; // as the cards name it
    expect(linesWith('request filed', `actor=${HELPDESK.email} target=${EMMA} what=request ${requestId}: +Advanced Messaging`)).toHaveLength(1);
    await desk.click(ADMIN, 'Approve', { comment: 'ok' }, { card: desk.cardsIn(APPROVALS).at(-1)! });
    const [approve, change] = desk.auditLines().slice(-2);
    expect(linesWith('request approved', `actor=${ADMIN.email} target=${EMMA} what=request ${requestId} from ${HELPDESK.email}`, `seq=${approve!.seq}`)).toHaveLength(1);
    expect(linesWith('licenses changed', `actor=${ADMIN.email} target=${EMMA} what=+Advanced Messaging seq=${change!.seq}`)).toHaveLength(1);
    // The comment is the approver's free text: it stays in the audit line, not the log.
    expect(logs.lines().join('\n')).not.toContain('comment');

    await toReview(desk, HELPDESK, 'false'); // Emma holds it now: ask to remove it again
    await desk.click(HELPDESK, 'Submit request', { reason: 'back again' });
    await desk.click(ADMIN2, 'Reject', {}, { card: desk.cardsIn(APPROVALS).at(-1)! });
    expect(linesWith('request declined', `actor=${ADMIN2.email} target=${EMMA} what=request `, `: -Advanced Messaging seq=${desk.auditLines().at(-1)!.seq}`)).toHaveLength(1);
  });
});

describe('operatorLine (what a line says)', () => {
  it('names Meetings licenses with their site, attendee accounts by site, and cuts a long list short', async () => {
    h = await createHarness();
    const line = operatorLine(
      h.store,
      {
        action: 'webex.outside',
        actorId: 'webex',
        actorEmail: 'webex',
        targetEmail: EMMA,
        before: { licenseIds: ['lic-calling-basic-100101'], attendeeOf: ['acme-events.webex.com'] },
        after: {
          licenseIds: ['lic-calling-pro-100101', 'lic-meetings-acme-100102', 'lic-meetings-training-100102', 'lic-messaging-100101', 'lic-ucm-100104', 'lic-cx-essential-100103'],
          attendeeOf: [],
        },
      },
      42,
    );
    expect(line).toEqual({
      message: 'changed outside the desk (found by sync)',
      fields: {
        actor: 'webex',
        target: EMMA,
        what:
          '+Webex Calling - Professional; +Meeting - Webex Enterprise Edition (acme.webex.com); +Meeting - Webex Enterprise Edition (acme-training.webex.com); ' +
          '+Webex Messaging; +Unified Communication Manager (UCM); +Customer Experience - Essential; and 2 more',
        seq: 42,
      },
    });
  });
});
