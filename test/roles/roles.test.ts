// role add / role remove / roles: store roles change by command and are audited; config
// roles (ADMIN_EMAILS, HELPDESK_EMAILS) do not; the last admin stays.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/index.js';
import { ADMIN, ADMIN2, HELPDESK } from '../helpers/bot-harness.js';
import { createDeskHarness, type DeskHarness } from '../requests/desk-harness.js';

let h: DeskHarness;
afterEach(async () => h?.close());

const NEW: Actor = { personId: 'p-new', email: 'new.agent@acme.example', displayName: 'New Agent' };
const roleOf = (email: string) => h.store.roles().find((r) => r.email === email)?.role;

describe('roles', () => {
  it('role add helpdesk: the person can look things up at once; audited as role.add', async () => {
    h = await createDeskHarness();
    await h.say(NEW, 'usage');
    expect(h.lastText()).toContain('Not allowed');
    await h.say(ADMIN, 'role add helpdesk New.Agent@acme.example');
    expect(h.lastText()).toContain('new.agent@acme.example is now helpdesk agent.');
    expect(roleOf('new.agent@acme.example')).toBe('helpdesk');
    expect(h.auditLines().at(-1)).toMatchObject({
      action: 'role.add',
      actorId: ADMIN.personId,
      actorEmail: ADMIN.email,
      eventId: expect.any(String),
      details: { email: 'new.agent@acme.example', role: 'helpdesk', previousRole: 'none' },
    });
    await h.say(NEW, 'usage');
    expect(h.lastText()).toContain('License usage');
    await h.say(NEW, 'roles');
    expect(h.lastText()).toContain('Only administrators can use "roles"');
  });

  it('role add admin promotes a helpdesk agent; role remove takes it away (role.remove)', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'role add admin helpdesk@acme.example');
    expect(roleOf('helpdesk@acme.example')).toBe('admin');
    await h.say(HELPDESK, 'roles');
    expect(h.lastText()).toContain('Roles');
    await h.say(ADMIN, 'role remove helpdesk@acme.example');
    expect(h.lastText()).toContain('helpdesk@acme.example is no longer administrator.');
    expect(roleOf('helpdesk@acme.example')).toBeUndefined();
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'role.remove', actorEmail: ADMIN.email, details: { email: 'helpdesk@acme.example', role: 'admin' } });
    await h.say(HELPDESK, 'usage');
    expect(h.lastText()).toContain('Not allowed');
  });

  it('the last admin cannot be removed (nor demoted); the attempt is audited', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'role remove noor.admin@acme.example');
    expect(roleOf('noor.admin@acme.example')).toBeUndefined();
    await h.say(ADMIN, 'role remove admin@acme.example');
    expect(h.lastText()).toContain('admin@acme.example is the last administrator, so the role stays. Add another administrator first.');
    expect(roleOf('admin@acme.example')).toBe('admin');
    expect(h.auditLines().at(-1)).toMatchObject({ action: 'auth.refused', actorEmail: ADMIN.email, codes: ['roles.last-admin'] });
    await h.say(ADMIN, 'role add helpdesk admin@acme.example');
    expect(h.lastText()).toContain('is the last administrator');
    expect(roleOf('admin@acme.example')).toBe('admin');
  });

  it('two admins removing each other at the same instant: one wins, the other is refused, an admin stays', async () => {
    h = await createDeskHarness();
    const admins = () => h.store.roles().filter((r) => r.role === 'admin').map((r) => r.email).sort();
    expect(admins()).toEqual(['admin@acme.example', 'noor.admin@acme.example']);
    await Promise.all([h.say(ADMIN, 'role remove noor.admin@acme.example'), h.say(ADMIN2, 'role remove admin@acme.example')]);
    expect(admins()).toHaveLength(1);
    const lines = h.auditLines();
    expect(lines.filter((l) => l.action === 'role.remove')).toHaveLength(1);
    expect(lines.filter((l) => l.action === 'auth.refused')).toHaveLength(1);
  });

  it('two admins demoting each other to helpdesk at the same instant: an admin stays', async () => {
    h = await createDeskHarness();
    await Promise.all([h.say(ADMIN, 'role add helpdesk noor.admin@acme.example'), h.say(ADMIN2, 'role add helpdesk admin@acme.example')]);
    expect(h.store.roles().filter((r) => r.role === 'admin')).toHaveLength(1);
  });

  it('role changes queued behind each other: an admin removed meanwhile cannot change roles any more', async () => {
    h = await createDeskHarness();
    await h.say(HELPDESK, 'usage'); // the first event also sweeps drafts; after it both events below take the same path, in order
    await Promise.all([h.say(ADMIN, 'role remove noor.admin@acme.example'), h.say(ADMIN2, 'role add helpdesk new.agent@acme.example')]);
    expect(roleOf('noor.admin@acme.example')).toBeUndefined();
    expect(roleOf('new.agent@acme.example')).toBeUndefined();
    expect(h.textOf(h.outbox.cards().at(-1)!)).toContain('Only administrators can use "role add"');
  });

  it('admins from ADMIN_EMAILS count, and cannot be removed by command (it says so)', async () => {
    h = await createDeskHarness({ adminEmails: ['boss@acme.example'] });
    await h.say(ADMIN, 'role remove noor.admin@acme.example');
    await h.say(ADMIN, 'role remove admin@acme.example'); // boss is still an admin, so this is fine
    expect(roleOf('admin@acme.example')).toBeUndefined();
    const boss: Actor = { personId: 'p-boss', email: 'boss@acme.example' };
    await h.say(boss, 'role remove boss@acme.example');
    expect(h.lastText()).toContain('boss@acme.example has a role from the configuration (ADMIN_EMAILS or HELPDESK_EMAILS), which a command cannot remove.');
    await h.say(boss, 'roles');
    expect(h.lastText()).toMatch(/boss@acme.example\nadministrator \(configuration\)/);
    expect(h.lastText()).toMatch(/helpdesk@acme.example\nhelpdesk agent \(added by admin@acme.example, 2026-01-05\)/);
  });

  it('bad arguments get the usage, nothing changes', async () => {
    h = await createDeskHarness();
    const before = JSON.stringify(h.store.roles());
    await h.say(ADMIN, 'role add boss x@acme.example');
    expect(h.lastText()).toContain('Type: role add admin <email> or role add helpdesk <email>.');
    await h.say(ADMIN2, 'role add admin not-an-email');
    expect(h.lastText()).toContain('Type: role add admin');
    await h.say(ADMIN2, 'role remove');
    expect(h.lastText()).toContain('Type: role remove <email>.');
    await h.say(ADMIN2, 'role remove nobody@acme.example');
    expect(h.lastText()).toContain('nobody@acme.example has no role to remove.');
    expect(JSON.stringify(h.store.roles())).toBe(before);
  });
});

describe('help lists the commands your role may use', () => {
  it('admins see every command; helpdesk agents not the admin ones', async () => {
    h = await createDeskHarness();
    await h.say(ADMIN, 'help');
    const admin = h.lastText();
    for (const command of ['history <email>', 'requests', 'roles', 'role add admin|helpdesk <email>', 'role remove <email>', 'audit verify', 'export', 'reassign <email>']) {
      expect(admin).toContain(command);
    }
    await h.say(HELPDESK, 'help');
    const helpdesk = h.lastText();
    expect(helpdesk).toContain('history <email>');
    expect(helpdesk).toContain('requests');
    expect(helpdesk).toContain('licenses [email or name]');
    for (const command of ['roles', 'role add', 'role remove', 'audit verify', 'export', 'reassign <email>', 'external add']) {
      expect(helpdesk).not.toContain(command);
    }
  });
});
