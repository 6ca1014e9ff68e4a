// Who may do what (R11), as a table: admin / helpdesk / no role × every command and every
// card action. A refusal is a polite "Not allowed" card, an auth.refused audit line for the
// person Webex says acted, and no change to users, drafts or requests.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/index.js';
import { ADMIN, ADMIN2, HELPDESK, STRANGER } from '../helpers/bot-harness.js';
import { submitActions, type Sent } from '../helpers/fake-transport.js';
import { APPROVALS, createDeskHarness, type DeskHarness } from '../requests/desk-harness.js';

let h: DeskHarness;
afterEach(async () => h?.close());

type Role = 'admin' | 'helpdesk' | 'none';
const ACTORS: Record<Role, Actor> = { admin: ADMIN, helpdesk: HELPDESK, none: STRANGER };
const A = true;
const R = false;

/** Everything a refused attempt must leave as it was. */
function stateOf(h: DeskHarness, draftId?: string): string {
  return JSON.stringify({
    users: h.store.searchUsers({ limit: 1000 }).users,
    roles: h.store.roles(),
    requests: h.store.requests(),
    draft: draftId ? h.store.draft(draftId) : undefined,
  });
}

const refusals = (h: DeskHarness, actor: Actor) => h.auditLines().filter((l) => l.action === 'auth.refused' && l.actorId === actor.personId).length;

async function expectOutcome(actor: Actor, allowed: boolean, act: () => Promise<void>, draftId?: string): Promise<void> {
  const before = stateOf(h, draftId);
  const refusedBefore = refusals(h, actor);
  const sentBefore = h.outbox.sent.length;
  await act();
  const answer = h.outbox.sent.slice(sentBefore).filter((s) => s.card).map((s) => h.textOf(s)).join('\n');
  if (allowed) {
    expect(answer).not.toContain('Not allowed');
    expect(refusals(h, actor)).toBe(refusedBefore);
  } else {
    expect(answer).toContain('Not allowed');
    expect(answer).toMatch(/Ask an administrator for access: admin@acme.example, noor.admin@acme.example|This card belongs to admin@acme.example/);
    expect(refusals(h, actor)).toBe(refusedBefore + 1);
    expect(stateOf(h, draftId)).toBe(before);
  }
}

// command → [admin, helpdesk, none]
const COMMANDS: [string, boolean, boolean, boolean][] = [
  ['help', A, A, A], // without a role: a short card saying what the desk is and who to ask (test/bot/forgiving.test.ts), no refusal
  ['licenses emma.bakker@acme.example', A, A, R],
  ['licenses', A, A, R],
  ['external', A, A, R],
  ['external add new.person@partner.example lic-messaging-100101', A, R, R],
  ['find jan', A, A, R],
  ['usage', A, A, R],
  ['reassign levi.de.haan@acme.example', A, R, R],
  ['language en', A, A, A], // anyone may choose the language they are answered in (a person asking for a license too)
  ['my requests', A, A, A],
  ['queue', A, A, R],
  ['history emma.bakker@acme.example', A, A, R],
  ['requests', A, A, R],
  ['request id-404', A, R, R],
  ['roles', A, R, R],
  ['role add helpdesk new.agent@acme.example', A, R, R],
  ['role remove helpdesk@acme.example', A, R, R],
  ['audit verify', A, R, R],
  ['export', A, R, R],
  ['something unknown', A, A, R],
];

describe('commands by role', () => {
  for (const [command, ...expected] of COMMANDS) {
    (['admin', 'helpdesk', 'none'] as const).forEach((role, i) => {
      it(`${role} · ${command} → ${expected[i] ? 'allowed' : 'refused'}`, async () => {
        h = await createDeskHarness();
        await expectOutcome(ACTORS[role], expected[i]!, () => h.say(ACTORS[role], command));
      });
    });
  }

  it('a helpdesk agent refused an admin command is told it is for administrators', async () => {
    h = await createDeskHarness();
    await h.say(HELPDESK, 'roles');
    expect(h.lastText()).toContain('Only administrators can use "roles"');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorId: HELPDESK.personId, actorEmail: HELPDESK.email, codes: ['refused.admin-only'] });
  });
});

/** A card and who may click which of its buttons. */
interface CardCase {
  name: string;
  /** Makes the card; returns it. */
  make(): Promise<Sent>;
  buttons: string[];
  /** Who may click: the card's owner, or any admin (approval cards). */
  allowed: (actor: Actor) => boolean;
  inputs?: Record<string, string>;
}

const ownerOnly = (owner: Actor) => (actor: Actor) => actor.personId === owner.personId;
const draftIdOf = (sent: Sent) => String(submitActions(sent.card!)[0]?.data.draftId ?? '');

async function adminWizardAt(step: 'overview' | 'service' | 'licenses' | 'review' | 'result'): Promise<Sent> {
  await h.say(ADMIN, 'licenses emma.bakker@acme.example');
  if (step === 'overview') return h.lastCard();
  await h.click(ADMIN, 'Edit licenses');
  if (step === 'service') return h.lastCard();
  await h.click(ADMIN, 'Choose service', { service: 'messaging' });
  if (step === 'licenses') return h.lastCard();
  await h.click(ADMIN, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
  if (step === 'review') return h.lastCard();
  await h.click(ADMIN, 'Save');
  return h.lastCard();
}

async function approvalCard(): Promise<Sent> {
  await h.say(HELPDESK, 'licenses emma.bakker@acme.example');
  await h.click(HELPDESK, 'Edit licenses');
  await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
  await h.click(HELPDESK, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
  await h.click(HELPDESK, 'Submit request', { reason: 'needs it' });
  return h.cardsIn(APPROVALS).at(-1)!;
}

const CARDS: CardCase[] = [
  { name: 'user selection (admin\'s)', make: async () => (await h.say(ADMIN, 'licenses'), h.lastCard()), buttons: ['Open', 'Search', 'Next', 'Cancel'], allowed: ownerOnly(ADMIN) },
  { name: 'overview (admin\'s)', make: () => adminWizardAt('overview'), buttons: ['Edit licenses', 'Back', 'Cancel'], allowed: ownerOnly(ADMIN) },
  { name: 'service choice (admin\'s)', make: () => adminWizardAt('service'), buttons: ['Choose service', 'Back', 'Cancel'], allowed: ownerOnly(ADMIN), inputs: { service: 'messaging' } },
  { name: 'licenses (admin\'s)', make: () => adminWizardAt('licenses'), buttons: ['Apply and review', 'Another service', 'Back'], allowed: ownerOnly(ADMIN) },
  { name: 'review (admin\'s)', make: () => adminWizardAt('review'), buttons: ['Save', 'Back', 'Cancel'], allowed: ownerOnly(ADMIN) },
  { name: 'result (admin\'s)', make: () => adminWizardAt('result'), buttons: ['Edit this user again', 'Done'], allowed: ownerOnly(ADMIN) },
  {
    name: 'external user (admin\'s)',
    make: async () => (await h.say(ADMIN, 'external lena.fischer@contoso-consult.example'), h.lastCard()),
    buttons: ['Delete user'],
    allowed: ownerOnly(ADMIN),
  },
  {
    name: 'reassign confirmation (admin\'s)',
    make: async () => (await h.say(ADMIN, 'reassign levi.de.haan@acme.example'), h.lastCard()),
    buttons: ['Remove and assign again', 'Cancel'],
    allowed: ownerOnly(ADMIN),
  },
  {
    name: 'history (admin\'s)',
    make: async () => {
      const emma = h.store.userByEmail('emma.bakker@acme.example')!;
      await h.store.audit(Array.from({ length: 12 }, () => ({ action: 'license.refused' as const, actorId: 'x', actorEmail: 'x@acme.example', targetUserId: emma.id })));
      await h.say(ADMIN, 'history emma.bakker@acme.example');
      return h.lastCard();
    },
    buttons: ['Next'],
    allowed: ownerOnly(ADMIN),
  },
  {
    name: 'history (helpdesk\'s own)',
    make: async () => {
      const emma = h.store.userByEmail('emma.bakker@acme.example')!;
      await h.store.audit(Array.from({ length: 12 }, () => ({ action: 'license.refused' as const, actorId: 'x', actorEmail: 'x@acme.example', targetUserId: emma.id })));
      await h.say(HELPDESK, 'history emma.bakker@acme.example');
      return h.lastCard();
    },
    buttons: ['Next'],
    allowed: ownerOnly(HELPDESK),
  },
  {
    name: 'review (helpdesk\'s own)',
    make: async () => {
      await h.say(HELPDESK, 'licenses emma.bakker@acme.example');
      await h.click(HELPDESK, 'Edit licenses');
      await h.click(HELPDESK, 'Choose service', { service: 'messaging' });
      await h.click(HELPDESK, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
      return h.lastCard();
    },
    buttons: ['Submit request', 'Back', 'Cancel'],
    allowed: ownerOnly(HELPDESK),
    inputs: { reason: 'needs it' },
  },
  { name: 'approval card (any admin)', make: approvalCard, buttons: ['Approve', 'Reject'], allowed: (a) => a === ADMIN || a === ADMIN2 },
];

describe('card actions by role: only the card\'s owner (or, for approvals, any admin) gets anything', () => {
  for (const card of CARDS) {
    for (const button of card.buttons) {
      for (const clicker of [ADMIN, ADMIN2, HELPDESK, STRANGER]) {
        const allowed = card.allowed(clicker);
        it(`${card.name} · "${button}" clicked by ${clicker.email} → ${allowed ? 'allowed' : 'refused'}`, async () => {
          h = await createDeskHarness();
          const sent = await card.make();
          await expectOutcome(clicker, allowed, () => h.click(clicker, button, card.inputs ?? {}, { card: sent }), draftIdOf(sent));
        });
      }
    }
  }

  it('an expired card\'s "Start again" starts the clicker\'s own wizard (any role but none)', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'licenses');
    const card = h.lastCard();
    h.clock.advance(25 * 60 * 60 * 1000);
    await h.click(HELPDESK, 'Open', {}, { card });
    await expectOutcome(HELPDESK, true, () => h.click(HELPDESK, 'Start again'));
    await h.click(STRANGER, 'Open', {}, { card });
    expect(h.lastText()).toContain('Not allowed');
  });
});

describe('a refused click is audited with who clicked and whom the card is about', () => {
  it.each([
    ['someone without a role on an admin\'s wizard card', STRANGER, 'wizard'],
    ['another admin on an admin\'s wizard card', ADMIN2, 'wizard'],
    ['a helpdesk agent on an approval card', HELPDESK, 'approval'],
  ] as const)('%s', async (_, clicker, kind) => {
    h = await createDeskHarness();
    const card = kind === 'wizard' ? await adminWizardAt('review') : await approvalCard();
    await h.click(clicker, kind === 'wizard' ? 'Save' : 'Approve', {}, { card });
    expect(h.auditLines().at(-1)).toMatchObject({
      action: 'auth.refused',
      actorId: clicker.personId,
      actorEmail: clicker.email,
      targetUserId: 'user-emma-bakker',
      targetEmail: 'emma.bakker@acme.example',
      eventId: expect.stringMatching(/^evt-/),
    });
  });
});
