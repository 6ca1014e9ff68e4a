// The playground's "Control Hub" API (local-only, like the rest of /playground/api/*):
// the emulated org as Webex holds it, and a license change made there, outside the desk.
// It reads and changes the emulator's org only, never the bot's store: the desk learns of
// a change the way it would from Webex, on `sync`.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Emulator } from '../emulator/index.js';

const SEARCH_LIMIT = 25;

const ChangeSchema = z
  .object({
    add: z.array(z.string().min(1)).max(50).optional(),
    remove: z.array(z.string().min(1)).max(50).optional(),
  })
  .strict()
  .refine((c) => (c.add?.length ?? 0) + (c.remove?.length ?? 0) > 0, { message: 'nothing to change: give add or remove' })
  .refine((c) => !(c.add ?? []).some((id) => (c.remove ?? []).includes(id)), { message: 'a license cannot be both added and removed' });

export function orgRoutes(options: { emulator: Emulator }): Hono {
  const { org } = options.emulator;
  const model = org.model;
  const app = new Hono();
  const personOf = (email: string) => model.people().find((p) => p.emails.some((e) => e.toLowerCase() === email.toLowerCase()));
  const licenseName = (id: string) => model.licenses.get(id)?.name ?? id;

  /** One person as Control Hub shows them: licenses by name, attendee sites, Calling. */
  const view = (email: string) => {
    const person = personOf(email);
    const held = person && org.person(person.emails[0] ?? email);
    if (!person || !held) return undefined;
    const site = (url: string) => url.replace(/#attendee$/, '');
    const location = held.calling && model.locations.get(held.calling.locationId);
    return {
      email: held.email,
      displayName: person.displayName,
      invitePending: held.invitePending,
      licenses: [
        ...held.licenses.map((id) => ({ id, name: licenseName(id), siteUrl: model.licenses.get(id)?.siteUrl, pending: false })),
        ...held.pendingLicenses.map((id) => ({ id, name: licenseName(id), siteUrl: model.licenses.get(id)?.siteUrl, pending: true })),
      ],
      attendeeSites: [...held.siteUrls.map((url) => ({ url: site(url), pending: false })), ...held.pendingSiteUrls.map((url) => ({ url: site(url), pending: true }))],
      siteAdminOf: held.siteAdminOf,
      ...(held.calling ? { calling: { ...held.calling, locationName: location?.name ?? held.calling.locationId } } : {}),
    };
  };

  app.get('/licenses', (c) =>
    c.json({
      // Without an org seed the emulator plays no org (the panel says so).
      org: org.adminToken !== undefined,
      licenses: [...model.licenses.values()].map((l) => ({
        id: l.id,
        name: l.name,
        ...(l.siteUrl ? { siteUrl: l.siteUrl } : {}),
        consumed: model.holders(l.id).length,
        total: l.totalUnits,
      })),
    }),
  );

  app.get('/people', (c) => {
    const q = (c.req.query('q') ?? '').trim().toLowerCase();
    const matches = model
      .people()
      .filter((p) => !q || p.displayName.toLowerCase().includes(q) || p.emails.some((e) => e.toLowerCase().includes(q)))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return c.json({
      total: matches.length,
      people: matches.slice(0, SEARCH_LIMIT).map((p) => ({ email: p.emails[0], displayName: p.displayName, licenses: model.holding(p.id).licenses.size })),
    });
  });

  app.get('/people/:email', (c) => {
    const person = view(c.req.param('email'));
    return person ? c.json(person) : c.json({ error: `no one in the emulated org has the email ${c.req.param('email')}` }, 404);
  });

  app.post('/people/:email/change', async (c) => {
    const email = c.req.param('email');
    const parsed = ChangeSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') }, 400);
    const person = personOf(email);
    if (!person) return c.json({ error: `no one in the emulated org has the email ${email}` }, 400);
    const unknown = [...(parsed.data.add ?? []), ...(parsed.data.remove ?? [])].filter((id) => !model.licenses.has(id));
    if (unknown.length) return c.json({ error: `the emulated org has no license ${unknown.join(', ')}` }, 400);
    org.changeOutsideDesk(person.emails[0] ?? email, parsed.data);
    return c.json(view(email));
  });

  return app;
}
