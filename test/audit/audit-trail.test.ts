// The audit trail as people see it: every path leaves its line (actor, action, target,
// codes, request id, event id), `history <email>` pages through a user's lines newest first,
// `audit verify` answers ok or names the first bad line (a flipped byte, a deleted or moved
// line), and `export` posts the CSV and is audited.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditFile } from '../../src/store/index.js';
import { ADMIN, HELPDESK, STRANGER } from '../helpers/bot-harness.js';
import { APPROVALS, createDeskHarness, type DeskHarness } from '../requests/desk-harness.js';

let h: DeskHarness;
afterEach(async () => h?.close());

const EMMA = 'emma.bakker@acme.example';

async function adminAdds(licenseId: string, service: string): Promise<void> {
  await h.say(ADMIN, `licenses ${EMMA}`, { roomId: 'room-admin' });
  await h.click(ADMIN, 'Edit licenses');
  await h.click(ADMIN, 'Choose service', { service });
  await h.click(ADMIN, 'Apply and review', { [`lic.${licenseId}`]: 'true' });
  await h.click(ADMIN, 'Save');
}

async function helpdeskRequestApproved(): Promise<void> {
  await h.say(HELPDESK, `licenses ${EMMA}`);
  await h.click(HELPDESK, 'Edit licenses');
  await h.click(HELPDESK, 'Choose service', { service: 'attendantConsole' });
  await h.click(HELPDESK, 'Apply and review', { 'lic.lic-attendant-console-100103': 'true' });
  await h.click(HELPDESK, 'Submit request', { reason: 'Joins the contact centre' });
  await h.click(ADMIN, 'Approve', { comment: 'ok' }, { card: h.cardsIn(APPROVALS).at(-1)! });
}

/** A session touching every kind of audited action; returns the lines it wrote. */
async function session() {
  await adminAdds('lic-adv-messaging-100101', 'messaging');
  await helpdeskRequestApproved();
  await h.say(STRANGER, `licenses ${EMMA}`);
  await h.say(ADMIN, 'role add helpdesk new.agent@acme.example', { roomId: 'room-admin' });
  await h.say(ADMIN, 'export', { roomId: 'room-admin' });
  return h.auditLines();
}

describe('the audit trail', () => {
  it('every path writes its line with actor, target, codes, request id, event id, chained by hash', async () => {
    h = await createDeskHarness();
    const emma = h.store.userByEmail(EMMA)!;
    const lines = await session();
    expect(lines.map((l) => l.action)).toEqual(['license.change', 'request.submit', 'request.approve', 'license.change', 'auth.refused', 'role.add', 'export']);
    const [adminChange, submit, approve, applied, refused, role, exported] = lines;
    const requestId = h.store.requests()[0]!.id;
    expect(adminChange).toMatchObject({ actorId: ADMIN.personId, actorEmail: ADMIN.email, targetUserId: emma.id, targetEmail: EMMA, before: { licenseIds: emma.licenseIds } });
    expect(adminChange!.after!.licenseIds).toContain('lic-adv-messaging-100101');
    expect(submit).toMatchObject({ actorEmail: HELPDESK.email, targetUserId: emma.id, requestId });
    expect(approve).toMatchObject({ actorEmail: ADMIN.email, targetUserId: emma.id, requestId });
    expect(applied).toMatchObject({ actorEmail: ADMIN.email, targetUserId: emma.id, requestId });
    expect(applied!.after!.licenseIds).toContain('lic-attendant-console-100103');
    expect(refused).toMatchObject({ actorId: STRANGER.personId, actorEmail: STRANGER.email, codes: ['R11.not-authorized'] });
    expect(role).toMatchObject({ actorEmail: ADMIN.email, details: { email: 'new.agent@acme.example', role: 'helpdesk' } });
    expect(exported).toMatchObject({ actorEmail: ADMIN.email, details: { users: 50 } });
    for (const line of lines) expect(line.eventId).toMatch(/^evt-\d+$/);
    lines.slice(1).forEach((line, i) => expect(line.prevHash).toBe(lines[i]!.hash));
    expect(await verifyAuditFile(h.auditFile)).toEqual({ ok: true, lines: 7 });
  });

  it('a rules refusal is audited with its codes', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'licenses tom.de.boer@acme.example');
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'cxBasic' });
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-cx-essential-100103': 'true' }); // stays: R4 on this step
    await h.click(ADMIN, 'Back');
    const service = h.lastCard(); // no Review button while the rules refuse: a crafted one
    await h.submitRaw(ADMIN, { ...JSON.parse(JSON.stringify(service.card)).actions.at(-1).data, action: 'review' }, { messageId: service.messageId });
    const review = h.lastCard();
    const data = JSON.parse(JSON.stringify(review.card)).actions[0].data;
    await h.submitRaw(ADMIN, { ...data, action: 'save' }, { messageId: review.messageId }); // crafted: the card has no Save
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'license.refused', actorEmail: ADMIN.email, targetEmail: 'tom.de.boer@acme.example', codes: expect.arrayContaining(['R4.standard-with-cx']) });
  });

  it('`history <email>`: the user\'s lines newest first, with who, what and the request', async () => {
    h = await createDeskHarness();
    await session();
    await h.say(HELPDESK, `history ${EMMA}`);
    const text = h.lastText();
    expect(text).toContain('History of Emma Bakker (emma.bakker@acme.example)');
    expect(text).toContain('Entries 1–4 of 4, newest first');
    const headings = text.split('\n').filter((l) => / · #\d+ · /.test(l));
    expect(headings).toEqual([
      '2026-11-27 10:00 UTC · #4 · License change',
      '2026-11-27 10:00 UTC · #3 · Request approved',
      '2026-11-27 10:00 UTC · #2 · Request submitted',
      '2026-11-27 10:00 UTC · #1 · License change',
    ]);
    expect(text).toContain('+ Webex Attendant Console · Sub-100103');
    expect(text).toContain('Note: Joins the contact centre');
    expect(text).toContain('Request R-1');
    expect(text).toContain('By helpdesk@acme.example');
    expect(h.buttons(h.lastCard())).toEqual(['Undo']); // one page; the changes on it can be undone (issue 17)
    expect(text).not.toMatch(/R\d+\.[a-z]/); // rules in words (history-words.test.ts)
  });

  it('history pages by 10 with Next / Previous', async () => {
    h = await createDeskHarness();
    const emma = h.store.userByEmail(EMMA)!;
    for (let i = 1; i <= 23; i++) {
      await h.store.audit([{ action: 'license.refused', actorId: 'p-x', actorEmail: `agent${i}@acme.example`, targetUserId: emma.id, codes: ['R12.no-free-unit'] }]);
    }
    await h.say(ADMIN, `history ${EMMA}`);
    expect(h.lastText()).toContain('Entries 1–10 of 23, newest first');
    expect(h.lastText()).toContain('By agent23@acme.example');
    expect(h.buttons(h.lastCard())).toEqual(['Next']);
    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toContain('Entries 11–20 of 23');
    expect(h.lastText()).toContain('By agent13@acme.example');
    expect(h.buttons(h.lastCard())).toEqual(['Previous', 'Next']);
    await h.click(ADMIN, 'Next');
    expect(h.lastText()).toContain('Entries 21–23 of 23');
    expect(h.lastText()).toContain('By agent1@acme.example');
    expect(h.buttons(h.lastCard())).toEqual(['Previous']);
    await h.click(ADMIN, 'Previous');
    expect(h.lastText()).toContain('Entries 11–20 of 23');
  });

  it('history of someone unknown says so', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'history nobody@acme.example');
    expect(h.lastText()).toContain('No user matches "nobody@acme.example"');
    await h.say(ADMIN, 'history');
    expect(h.lastText()).toContain('Type: history <email>.');
  });

  it('`export` posts the users as a CSV file and is audited', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'export');
    expect(h.outbox.texts().at(-1)).toBe('All 50 users as a Control Hub CSV (users-2026-11-27.csv). [users-2026-11-27.csv]');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'export', actorEmail: ADMIN.email, details: { filename: 'users-2026-11-27.csv', users: 50 } });
  });
});

describe('`audit verify` detects tampering', () => {
  const lineOfByte = (data: Buffer, index: number) => data.subarray(0, index).filter((b) => b === 0x0a).length + 1;

  it('answers ok with the line count', async () => {
    h = await createDeskHarness();
    await session();
    await h.say(ADMIN, 'audit verify');
    expect(h.lastText()).toContain('The hash chain is intact: 7 lines checked.');
  });

  it('flipping any byte of the file is detected, and the named line is the one with that byte', async () => {
    h = await createDeskHarness();
    await session();
    const original = readFileSync(h.auditFile);
    const copy = `${h.auditFile}.copy`;
    for (let i = 0; i < original.length; i++) {
      const tampered = Buffer.from(original);
      tampered[i] = tampered[i]! ^ 0x01;
      writeFileSync(copy, tampered);
      const verdict = await verifyAuditFile(copy);
      expect(verdict.ok, `byte ${i}`).toBe(false);
      if (!verdict.ok) expect(verdict.line, `byte ${i}`).toBe(lineOfByte(original, i));
    }
  });

  it('names the changed line in the bot\'s answer', async () => {
    h = await createDeskHarness();
    await session();
    const lines = readFileSync(h.auditFile, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"actorEmail":"admin@acme.example"', '"actorEmail":"noor.admin@acme.example"');
    writeFileSync(h.auditFile, lines.join('\n'));
    await h.say(ADMIN, 'audit verify');
    expect(h.lastText()).toContain('Line 3 is bad: hash does not match the line content (the line was changed).');
  });

  it('a deleted line is named', async () => {
    h = await createDeskHarness();
    await session();
    const lines = readFileSync(h.auditFile, 'utf8').split('\n');
    lines.splice(3, 1);
    writeFileSync(h.auditFile, lines.join('\n'));
    await h.say(ADMIN, 'audit verify');
    expect(h.lastText()).toContain('Line 4 is bad: prevHash does not match the hash of the line before (a line was deleted, inserted or moved)');
  });

  it('deleting the last lines is named: the chain is intact but ends before the store\'s last line', async () => {
    h = await createDeskHarness();
    await session();
    const lines = readFileSync(h.auditFile, 'utf8').split('\n'); // 7 lines and a trailing ''
    writeFileSync(h.auditFile, `${lines.slice(0, 5).join('\n')}\n`);
    await h.say(ADMIN, 'audit verify');
    expect(h.lastText()).toContain('The log ends at line 5 but the store wrote up to seq 7: the last lines were removed.');
    expect(h.lastText()).not.toContain('hash chain is intact');
  });

  it('two lines swapped are named', async () => {
    h = await createDeskHarness();
    await session();
    const lines = readFileSync(h.auditFile, 'utf8').split('\n');
    [lines[4], lines[5]] = [lines[5]!, lines[4]!];
    writeFileSync(h.auditFile, lines.join('\n'));
    await h.say(ADMIN, 'audit verify');
    expect(h.lastText()).toContain('Line 5 is bad: prevHash does not match');
  });

  it('without an audit file configured it says so', async () => {
    h = await createDeskHarness({ auditFile: undefined });
    await h.say(ADMIN, 'audit verify');
    expect(h.lastText()).toContain('No audit file is configured');
  });
});
