// /v1/people: me, get by id, list by id(s) (the SDK batches people.get into ?id=a,b), email or name.
import { Hono } from 'hono';
import type { Person } from '../model.js';
import { apiError, type EmulatorContext, type EmulatorEnv } from '../http.js';

/** The public shape: our playground label stays inside the emulator. */
export function personJson(person: Person): Omit<Person, 'label'> {
  const { label: _label, ...rest } = person;
  return rest;
}

export function peopleRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/me', (c) => c.json(personJson(c.get('caller'))));
  app.get('/', (c) => {
    const ids = c.req.query('id')?.split(',').filter(Boolean);
    const email = c.req.query('email')?.toLowerCase();
    const name = c.req.query('displayName')?.toLowerCase();
    if (!ids && !email && !name) return apiError(c, 400, 'Email, displayName, or id list should be specified.');
    const max = Number(c.req.query('max') ?? 100);
    const people = [...ctx.state.people.values()].filter(
      (p) =>
        (!ids || ids.includes(p.id)) &&
        (!email || p.emails[0] === email) &&
        (!name || p.displayName.toLowerCase().startsWith(name)),
    );
    const notFoundIds = ids?.filter((id) => !ctx.state.people.has(id)) ?? [];
    return c.json({ items: people.slice(0, max).map(personJson), ...(notFoundIds.length ? { notFoundIds } : {}) });
  });
  app.get('/:id', (c) => {
    const person = ctx.state.people.get(c.req.param('id'));
    return person ? c.json(personJson(person)) : apiError(c, 404, 'Person not found.');
  });
  return app;
}
