// Hostile input: 5,000 generated card payloads and text commands (fast-check, fixed seed)
// through the real router (createBot + the fake transport). No crash, no change to the
// org, every event answered (a clear error, or a valid answer for a valid command), and
// Object.prototype untouched.
//
// What "no change" means here:
// - users, the license catalog, units used, roles, requests and every person's language
//   stay exactly as they were (compared after every event);
// - drafts of anyone other than the sender stay exactly as they were (the victims are the
//   admin's wizards at every step, built before the run); the sender's own drafts may be
//   created or moved by a legitimate command or click: that is not a change to the org;
// - the audit log may grow: refusals are audited on purpose (auth.refused, license.refused).
// To keep "no change" decidable, generated text never holds a valid new email or a valid
// language code (so `role add`, `external add` and `language` are tried, but only with
// hostile arguments), the admin who owns the victim drafts never sends their Save, and
// the admins never send Approve/Reject on the pending helpdesk request (others do).
import fc from 'fast-check';
import type { Actor } from '../../src/domain/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, verifyAuditFile } from '../../src/store/index.js';
import { submitActions } from '../helpers/fake-transport.js';
import { ADMIN, ADMIN2, HELPDESK, STRANGER, startBotOnStore, type BotOnStore } from './bot-on-store.js';
import { reviewToggle } from './editor.js';

const RUNS = 5000;
const SEED = 20261127;
const ACTORS = [ADMIN, ADMIN2, HELPDESK, STRANGER];

let b: BotOnStore;
/** Real submit data of the admin's wizard cards at every step (the victims). */
let harvested: Record<string, unknown>[] = [];
let victimDrafts: string[] = [];
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  b = await startBotOnStore();
  const admin = b.editor(ADMIN);
  const collect = () => harvested.push(...submitActions(admin.lastCard().card!).map((a) => a.data));
  await admin.say('licenses emma.bakker@acme.example');
  collect();
  await admin.say('licenses'); // the selection step
  collect();
  await admin.say('external');
  collect();
  await reviewToggle(admin, { email: 'lucas.smit@acme.example', licenseId: 'lic-adv-messaging-100101', on: true });
  collect();
  await admin.say('licenses sanne.de.vries@acme.example');
  await admin.click('Edit licenses');
  await admin.click('Choose service', { service: 'meetings' });
  collect();
  await admin.click('Next: account type per site');
  collect();
  // A helpdesk request waiting for approval: its approval card (sent to the admins) is a target too.
  const desk = b.editor(HELPDESK);
  await reviewToggle(desk, { email: 'daan.visser@acme.example', licenseId: 'lic-adv-messaging-100101', on: true });
  await desk.click('Submit request', { reason: 'new team lead' });
  const approvalCards = desk.outbox.cards().filter((c) => c.toPerson);
  expect(approvalCards.length).toBeGreaterThan(0);
  harvested.push(...approvalCards.flatMap((c) => submitActions(c.card!).map((a) => a.data)));
  harvested = harvested.filter((d) => typeof d.draftId === 'string');
  victimDrafts = [...new Set(harvested.map((d) => d.draftId as string).filter(Boolean))];
});
afterAll(async () => b?.close());

// ---- generators -------------------------------------------------------------------

const HUGE = ['x'.repeat(2001), 'ä'.repeat(10_000), '@'.repeat(100_000), `${'licenses '.repeat(3000)}`];
const POLLUTING = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf', 'polluted'];
// "${…}" is included: text that looks like a template must be shown back, never evaluated.
const hostileString = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...HUGE, ...POLLUTING, '', ' ', '\u0000', '\u202e', '<@personId:x|y>', '{{user}}', '../../etc/passwd', 'null', 'undefined', 'NaN', '-1', '1e309', '${7*7}', '${$root}'),
  );
/** Never a valid new email or language code (see the header). */
const hostileArg = hostileString.filter((s) => !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(s) && !/^(en|nl)$/i.test(s.trim()));
const knownUser = fc.constantFrom('emma.bakker@acme.example', 'lucas.smit@acme.example', 'Emma', 'bakker', 'ext', 'nobody@nowhere.example');
const COMMAND_WORDS = ['help', 'hulp', '?', 'licenses', 'license', 'licenties', 'external', 'external add', 'extern add', 'find', 'zoek', 'usage', 'reassign', 'language', 'taal', 'history', 'requests', 'request', 'roles', 'role', 'role add', 'role remove', 'audit verify', 'export', 'LicenseDesk', '@LicenseDesk', 'delete', 'drop table users'];
const READ_ONLY = new Set(['licenses', 'license', 'licenties', 'find', 'zoek', 'history', 'reassign', 'external']);

/** Webex refuses a message longer than 7,439 bytes, so no text beyond that reaches the bot. */
const WEBEX_MAX_TEXT_BYTES = 7439;
function asWebexText(text: string): string {
  let cut = text;
  while (Buffer.byteLength(cut) > WEBEX_MAX_TEXT_BYTES) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return cut;
}

const textCommand = fc
  .tuple(fc.constantFrom(...COMMAND_WORDS), fc.array(hostileArg, { maxLength: 4 }), knownUser, fc.boolean())
  .map(([word, args, user, withUser]) => asWebexText([word, ...(withUser && READ_ONLY.has(word) ? [user] : []), ...args].join(' ')));

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  hostileString,
);
/** Built after the victims exist (their draft ids and card data feed the generators). */
function eventArbitrary() {
const draftIdOf = () => fc.oneof(fc.constantFrom(...victimDrafts), fc.constantFrom('draft-9999', 'nope', '', '__proto__', 'constructor', 'x'.repeat(100)), wrongType);
const inputKey = fc.oneof(
  fc.constantFrom(...POLLUTING, 'lic.__proto__', 'lic.constructor', 'site.__proto__', 'site.constructor', 'lic.lic-adv-messaging-100101', 'lic.lic-cx-essential-100103', 'lic.lic-unknown', 'site.acme.webex.com', 'site.evil.example', 'service', 'userId', 'search', 'tier', 'reason', 'flow', 'draftId'),
  fc.string({ maxLength: 30 }),
);
const inputValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('true', 'false', 'host', 'attendee', 'none', 'messaging', 'meetings', 'user-emma-bakker', 'user-999') },
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: wrongType },
);

/** A payload as JSON text, so "__proto__" becomes an own key, exactly as a Webex body would carry it. */
const routingOverride = fc.dictionary(
  fc.constantFrom('flow', 'step', 'draftId', 'v', 'action'),
  fc.oneof(wrongType, fc.constantFrom('edit', 'external', 'reassign', 'history', 'request', 'review', 'save', 'approve', 'reject', 'cancel', 'open', 'again', '__proto__')),
);
// Mostly a real card's routing with hostile inputs (so the flows are reached), sometimes broken routing.
const cardPayload = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...harvestedIndexes()) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: routingOverride }),
    fc.array(fc.tuple(inputKey, inputValue), { maxLength: 6 }),
    fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: draftIdOf() }),
    fc.constantFrom('object', 'object', 'object', 'object', 'object', 'not-object'),
  )
  .map(([base, routing, inputs, draftId, shape]) => {
    if (shape === 'not-object') return { raw: JSON.stringify(inputs.length ? inputs : null) };
    const data: Record<string, unknown> = { ...(base === undefined ? {} : harvested[base]), ...routing };
    if (draftId !== undefined) data.draftId = draftId;
    const entries = [...Object.entries(data), ...inputs];
    return { raw: `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}` };
  });
function harvestedIndexes(): number[] {
  return harvested.map((_, i) => i);
}

return fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), actor: fc.constantFrom(...ACTORS), text: textCommand }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), actor: fc.constantFrom(...ACTORS), text: hostileString.map(asWebexText) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('card' as const), actor: fc.constantFrom(...ACTORS), payload: cardPayload }) },
);
}

const ADMINS: readonly Actor[] = [ADMIN, ADMIN2];
function isLegitimateChange(actor: Actor, payload: unknown): boolean {
  if (!payload || typeof payload !== 'object') return false;
  const { action, flow } = payload as Record<string, unknown>;
  return (actor === ADMIN && action === 'save') || (ADMINS.includes(actor) && flow === 'request' && (action === 'approve' || action === 'reject'));
}

// ---- what must not change ---------------------------------------------------------

function orgFingerprint(): string {
  const s = b.store;
  return JSON.stringify({
    users: s.searchUsers({ limit: 10_000 }).users,
    licenses: s.licenses(),
    sites: s.sites(),
    usage: s.usage().map((u) => [u.license.id, u.used, u.total]),
    roles: s.roles(),
    requests: s.requests(),
    locales: ACTORS.map((a) => s.locale(a.personId) ?? null),
  });
}

describe('hostile input through the real router', () => {
  it('text that looks like a card template expression is shown back as text, never evaluated', async () => {
    const sent: string[] = [];
    const outbox = {
      async sendCard(_room: string, card: { card: Record<string, unknown> }) {
        sent.push(JSON.stringify(card.card));
        return { messageId: 'm' };
      },
      async sendText(_room: string, text: string) {
        sent.push(text);
        return { messageId: 'm' };
      },
      sendCardToPerson: async () => ({ messageId: 'm' }),
      sendTextToPerson: async () => ({ messageId: 'm' }),
      sendFile: async () => ({ messageId: 'm' }),
      deleteMessage: async () => undefined,
    };
    for (const [i, text] of ['${7*7}', 'find ${7*7}', 'licenses ${$root.users[0].email}', 'find ${if(true, 1, 2)}'].entries()) {
      await b.bot.onMessage({ eventId: `template-${i}`, actor: ADMIN2, roomId: 'room-template', roomType: 'direct', text }, outbox);
    }
    expect(sent).toHaveLength(4);
    expect(sent[0]).toContain('${7*7}');
    expect(sent.join('\n')).not.toContain('49');
    expect(sent.join('\n')).not.toMatch(/Something went wrong/);
  });

  it(`${RUNS} generated payloads and commands: no crash, no change, each answered clearly, no prototype pollution`, async () => {
    const org = orgFingerprint();
    const victims = new Map(victimDrafts.map((id) => [id, JSON.stringify(b.store.draft(id))]));
    const counts = { text: 0, card: 0 };
    const kinds = new Map<string, number>(); // the first line (card title) of each answer, for the summary
    await fc.assert(
      fc.asyncProperty(eventArbitrary(), async (ev) => {
        const editor = b.editor(ev.actor);
        const before = editor.outbox.sent.length;
        if (ev.kind === 'text') {
          counts.text++;
          await editor.say(ev.text);
        } else {
          counts.card++;
          const payload = JSON.parse(ev.payload.raw) as Record<string, unknown>;
          // The owner's own Save, or an admin deciding a request, is a real change, not hostile input (see the header).
          if (isLegitimateChange(ev.actor, payload)) return;
          await editor.submitRaw(payload, `msg-${counts.card}`);
        }
        const answers = editor.answersSince(before);
        expect(answers.length, 'the person got an answer').toBeGreaterThan(0);
        for (const answer of answers) {
          const kind = answer.split('\n')[0]!.replace(/["“].*$/, '').slice(0, 40);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          expect(answer.trim().length).toBeGreaterThan(0);
          expect(answer, 'no unexpected error (a crash caught by the boundary)').not.toMatch(/Something went wrong on my side/);
        }
        expect(orgFingerprint()).toBe(org);
        for (const [id, draft] of victims) {
          if (ev.actor !== ADMIN) expect(JSON.stringify(b.store.draft(id)), `draft ${id} of the admin`).toBe(draft);
          else victims.set(id, JSON.stringify(b.store.draft(id))); // the owner may move their own wizard
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // What is on disk says the same: reopen the store from its files.
    await b.store.close();
    b.store = await openStore({ dataFile: b.dataFile, auditFile: b.auditFile });
    expect(orgFingerprint()).toBe(org);
    expect(await verifyAuditFile(b.auditFile)).toMatchObject({ ok: true });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(counts.text + counts.card).toBe(RUNS);
    const top = [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 12);
    console.info(`hostile input: ${counts.text} text commands, ${counts.card} card payloads; answers: ${top.map(([k, n]) => `${n}× ${k}`).join(' | ')}`);
  }, 100_000);
});
