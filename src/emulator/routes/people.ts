// /v1/people: me, get by id, list by id(s) (the SDK batches people.get into ?id=a,b), email or name.
// An admin (spark-admin:people_read) may list everyone without a filter, paged by `max`
// with Link rel="next", and sees the admin fields (licenses, siteUrls, roles, invitePending,
// loginEnabled; calling details with callingData=true) — not on a ?id= lookup, as the spec says.
// Presence (lastActivity) is shown for people of the caller's own org, except on a ?id= lookup
// and with excludeStatus=true, as the reference says; never for someone Webex has not seen.
import { Hono } from 'hono';
import type { Person } from '../model.js';
import { apiError, type EmulatorContext, type EmulatorEnv, type EmulatorHttpContext } from '../http.js';
import type { Org } from '../org/org.js';
import { offsetOf, pageOf, sizeParam } from '../org/paging.js';

/** The public shape: our playground label stays inside the emulator, presence only when asked for. */
export function personJson(person: Person, presence = false): Omit<Person, 'label'> {
  const { label: _label, lastActivity, ...rest } = person;
  return presence && lastActivity !== undefined ? { ...rest, lastActivity } : rest;
}

const PEOPLE_READ = 'spark-admin:people_read';
const isAdmin = (c: EmulatorHttpContext) => c.get('scopes')?.has(PEOPLE_READ) === true;

/** What an admin of the person's org sees besides the public fields. */
function adminJson(org: Org, person: Person, callingData: boolean, presence: boolean) {
  if (person.type !== 'person') return personJson(person, presence);
  const h = org.holding(person.id);
  const calling = h.calling;
  return {
    ...personJson(person, presence),
    ...(callingData && calling?.phoneNumber ? { phoneNumbers: [{ type: 'work', value: calling.phoneNumber, primary: true }] } : {}),
    ...(callingData && calling?.extension ? { extension: calling.extension } : {}),
    ...(callingData && calling ? { locationId: calling.locationId } : {}),
    roles: h.roles,
    licenses: [...h.licenses],
    siteUrls: [...h.attendeeOf].map((url) => `${url}#attendee`),
    invitePending: h.invitePending ? 'true' : 'false',
    loginEnabled: 'true',
  };
}

export function peopleRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  /** Presence is for people of the caller's org only. */
  const sameOrg = (c: EmulatorHttpContext, person: Person) => person.orgId === c.get('caller').orgId;
  app.get('/me', (c) => c.json(personJson(c.get('caller'), true)));
  app.get('/', (c) => {
    const ids = c.req.query('id')?.split(',').filter(Boolean);
    const email = c.req.query('email')?.toLowerCase();
    const name = c.req.query('displayName')?.toLowerCase();
    const locationId = c.req.query('locationId');
    const admin = isAdmin(c);
    if (!ids && !email && !name && !admin) return apiError(c, 400, 'Email, displayName, or id list should be specified.');
    const callingData = admin && c.req.query('callingData') === 'true';
    // The spec's caps: 100 with callingData, 50 with locationId; none stated otherwise.
    const cap = locationId ? 50 : callingData ? 100 : Infinity;
    const max = sizeParam(c.req.query('max'), 100);
    const offset = offsetOf(c.req.query('cursor'));
    if (max === undefined || offset === undefined) return apiError(c, 400, 'Invalid max or cursor.');
    const pool = ids || email || name ? [...ctx.state.people.values()] : ctx.org.people();
    const people = pool.filter(
      (p) =>
        (!ids || ids.includes(p.id)) &&
        (!email || p.emails[0] === email) &&
        (!name || p.displayName.toLowerCase().startsWith(name)) &&
        (!locationId || (admin && ctx.org.holding(p.id).calling?.locationId === locationId)),
    );
    const notFoundIds = ids?.filter((id) => !ctx.state.people.has(id)) ?? [];
    // "If this parameter [id] is provided then presence information (such as lastActivity) will not be included."
    const presence = (p: Person) => !ids && c.req.query('excludeStatus') !== 'true' && sameOrg(c, p);
    const shown = admin && !ids ? (p: Person) => adminJson(ctx.org, p, callingData, presence(p)) : (p: Person) => personJson(p, presence(p));
    const page = pageOf(c, people, offset, Math.min(max, cap), { cursor: 'cursor', size: 'max' });
    return c.json({ items: page.map(shown), ...(notFoundIds.length ? { notFoundIds } : {}) });
  });
  app.get('/:id', (c) => {
    const person = ctx.state.people.get(c.req.param('id'));
    if (!person) return apiError(c, 404, 'Person not found.');
    const presence = sameOrg(c, person);
    return c.json(isAdmin(c) ? adminJson(ctx.org, person, c.req.query('callingData') === 'true', presence) : personJson(person, presence));
  });
  return app;
}
