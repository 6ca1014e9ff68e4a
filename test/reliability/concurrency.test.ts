// Concurrency: 50 admins edit 5 users at once through the bot's wizard and Save, in a
// seeded interleaving of "prepare the review" and "click Save" events, run in concurrent
// waves. Some Saves are fresh (prepared after the last change of their user), many are
// stale. No lost update: each user's final licenses are exactly what the chain of
// acknowledged Saves says, every acknowledged Save is one audit line whose "before" is
// the previous acknowledged Save's "after"; every other editor was told "changed meanwhile".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/index.js';
import { verifyAuditFile } from '../../src/store/index.js';
import { seededRandom } from './child-process.js';
import { extraAdmin, startBotOnStore, type BotOnStore } from './bot-on-store.js';
import { reviewToggle, type Editor } from './editor.js';

const EDITORS = 50;
// 80 units, every demo user holds one: switching it on or off never runs into R12.
const MESSAGING = 'lic-messaging-100101';
const TARGETS = ['emma.bakker@acme.example', 'lucas.smit@acme.example', 'julia.meijer@acme.example', 'tom.de.boer@acme.example', 'sophie.mulder@acme.example'];

let b: BotOnStore;
beforeAll(async () => {
  b = await startBotOnStore({ extraAdmins: EDITORS });
});
afterAll(async () => b?.close());

type Outcome = 'saved' | 'changed-meanwhile' | 'other';

describe('50 concurrent editors on 5 users', () => {
  it('no lost update, every conflict reported to its editor', async () => {
    const random = seededRandom(7);
    const editors = Array.from({ length: EDITORS }, (_, i) => ({ editor: b.editor(extraAdmin(i)), target: TARGETS[i % TARGETS.length]! }));
    // Seeded schedule: each editor prepares, later saves; waves of 1–8 events run at once.
    const pending = editors.map((_, i) => i);
    const prepared = new Set<number>();
    const schedule: { kind: 'prepare' | 'save'; index: number }[] = [];
    const waiting = [...pending];
    while (waiting.length > 0 || prepared.size > 0) {
      const pickPrepare = waiting.length > 0 && (prepared.size === 0 || random() < 0.55);
      if (pickPrepare) {
        const index = waiting.splice(Math.floor(random() * waiting.length), 1)[0]!;
        prepared.add(index);
        schedule.push({ kind: 'prepare', index });
      } else {
        const list = [...prepared];
        const index = list[Math.floor(random() * list.length)]!;
        prepared.delete(index);
        schedule.push({ kind: 'save', index });
      }
    }

    const reviewOf = new Map<number, ReturnType<Editor['lastCard']>>();
    const outcomes = new Map<number, Outcome>();
    let toldDuringWizard = 0;
    const prepare = async (index: number) => {
      const { editor, target } = editors[index]!;
      // Another Save may land while this editor is still in the wizard: the bot then shows the
      // user's fresh state ("changed … meanwhile") and the editor starts again, as a person would.
      for (let attempt = 0; ; attempt++) {
        const user = b.store.userByEmail(target)!;
        const from = editor.outbox.sent.length;
        const reached = await reviewToggle(editor, { email: target, licenseId: MESSAGING, on: !user.licenseIds.includes(MESSAGING) }).then(
          () => editor.lastAnswer().includes('Ready to save'),
          () => false,
        );
        if (reached) break;
        expect(editor.answersSince(from).join('\n'), `${editor.actor.email} was told why the wizard stopped`).toMatch(/changed by someone else meanwhile/);
        toldDuringWizard++;
        expect(attempt, `${editor.actor.email} kept being interrupted`).toBeLessThan(20);
      }
      reviewOf.set(index, editor.lastCard());
    };
    const save = async (index: number) => {
      const { editor } = editors[index]!;
      const from = editor.outbox.sent.length;
      await editor.click('Save', {}, reviewOf.get(index)!);
      const answers = editor.answersSince(from).join('\n');
      outcomes.set(
        index,
        /Saved: /.test(answers) ? 'saved' : /changed by someone else meanwhile|Someone changed this at the same moment/.test(answers) ? 'changed-meanwhile' : 'other',
      );
    };
    let position = 0;
    while (position < schedule.length) {
      const wave = schedule.slice(position, position + 1 + Math.floor(random() * 8));
      position += wave.length;
      // A Save in the same wave as its own preparation waits for it (a person clicks what they see).
      const preparing = new Map(wave.filter((s) => s.kind === 'prepare').map((s) => [s.index, prepare(s.index)]));
      const saving = wave
        .filter((s) => s.kind === 'save')
        .map(async (s) => {
          await preparing.get(s.index);
          await save(s.index);
        });
      await Promise.all([...preparing.values(), ...saving]);
    }

    // Every editor got a definite answer: saved, or told the user changed meanwhile.
    const counts = { saved: 0, 'changed-meanwhile': 0, other: 0 };
    for (const outcome of outcomes.values()) counts[outcome]++;
    expect(outcomes.size).toBe(EDITORS);
    expect(counts.other, JSON.stringify(counts)).toBe(0);
    expect(counts.saved).toBeGreaterThan(TARGETS.length); // fresh Saves happened, not only one per user
    expect(counts['changed-meanwhile']).toBeGreaterThan(0); // and stale ones were refused

    // No lost update: per user, the acknowledged Saves form one chain in the audit log.
    const changes = b.auditLines().filter((line): line is AuditEntry => line.action === 'license.change');
    expect(changes).toHaveLength(counts.saved);
    const savedBy = new Set([...outcomes].filter(([, o]) => o === 'saved').map(([i]) => editors[i]!.editor.actor.email));
    expect(new Set(changes.map((c) => c.actorEmail))).toEqual(savedBy);
    for (const email of TARGETS) {
      const user = b.store.userByEmail(email)!;
      const chain = changes.filter((c) => c.targetUserId === user.id);
      const sorted = (ids: string[]) => [...ids].sort();
      for (let i = 1; i < chain.length; i++) {
        expect(sorted((chain[i]!.before as { licenseIds: string[] }).licenseIds), `${email} change ${i} builds on change ${i - 1}`).toEqual(
          sorted((chain[i - 1]!.after as { licenseIds: string[] }).licenseIds),
        );
      }
      if (chain.length > 0) expect(sorted(user.licenseIds)).toEqual(sorted((chain.at(-1)!.after as { licenseIds: string[] }).licenseIds));
      expect(user.rev, email).toBe(1 + chain.length); // demo users start at rev 1; one rev per acknowledged Save
    }
    expect(await verifyAuditFile(b.auditFile)).toMatchObject({ ok: true });
    console.info(`concurrency: ${counts.saved} Saves acknowledged, ${counts['changed-meanwhile']} Saves told "changed meanwhile", ${toldDuringWizard} wizards interrupted and restarted`);
  });
});
