// GET /v1/locations (any of spark-admin:locations_read, people_read, device_read, as the
// spec's List Locations says) and the numbers a person can get as primary number:
// GET /v1/telephony/config/people/primary/availableNumbers (spark-admin:telephony_config_read).
import { Hono } from 'hono';
import { apiError, requireScope, type EmulatorContext, type EmulatorEnv } from '../http.js';
import { offsetOf, pageOf, sizeParam } from '../org/paging.js';
import { ORG_ID } from '../state.js';

export function locationRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/', (c) => {
    const refused = requireScope(c, 'spark-admin:locations_read', 'spark-admin:people_read', 'spark-admin:device_read');
    if (refused) return refused;
    const name = c.req.query('name')?.toLowerCase();
    const ids = c.req.query('id')?.split(',').filter(Boolean);
    const max = sizeParam(c.req.query('max'), 100);
    const offset = offsetOf(c.req.query('cursor'));
    if (max === undefined || offset === undefined) return apiError(c, 400, 'Invalid max or cursor.');
    const items = [...ctx.org.locations.values()]
      .filter((l) => (!name || l.name.toLowerCase().includes(name)) && (!ids || ids.includes(l.id)))
      .map((l) => ({ id: l.id, name: l.name, orgId: ORG_ID }));
    return c.json({ items: pageOf(c, items, offset, max, { cursor: 'cursor', size: 'max' }) });
  });
  return app;
}

/** Telephony pages by `max` and a numeric `start` offset. */
export function telephonyRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const { org } = ctx;
  const app = new Hono<EmulatorEnv>();
  app.get('/config/people/primary/availableNumbers', (c) => {
    const refused = requireScope(c, 'spark-admin:telephony_config_read');
    if (refused) return refused;
    const locationId = c.req.query('locationId');
    if (locationId !== undefined && !org.locations.has(locationId)) return apiError(c, 404, 'Location not found.');
    const wanted = c.req.query('phoneNumber')?.split(',').filter(Boolean);
    const max = sizeParam(c.req.query('max'), 2000);
    const start = Number(c.req.query('start') ?? 0);
    if (max === undefined || !Number.isInteger(start) || start < 0) return apiError(c, 400, 'Invalid max or start.');
    const numbers = [...org.locations.values()]
      .filter((l) => !locationId || l.id === locationId)
      .flatMap((l) => l.numbers)
      .filter((n) => org.numberOwner(n) === undefined && (!wanted || wanted.includes(n)))
      .map((phoneNumber) => ({ phoneNumber, state: 'ACTIVE', isMainNumber: false, telephonyType: 'PSTN_NUMBER', isServiceNumber: false }));
    return c.json({ phoneNumbers: pageOf(c, numbers, start, max, { cursor: 'start', size: 'max', encode: String }) });
  });
  return app;
}
