// /v1/rooms and /v1/memberships: the spaces the caller is in, and who is in them.
import { Hono } from 'hono';
import { z } from 'zod';
import { apiError, type EmulatorContext, type EmulatorEnv } from '../http.js';
import type { Membership, Person, Room } from '../model.js';
import { membershipAudience, membershipData } from '../visibility.js';

/** Add someone to a space and tell the space's webhooks (membership created, actor = who added). */
export function addMemberAndPublish(ctx: EmulatorContext, room: Room, person: Person, actor: Person): Membership {
  const membership = ctx.state.addMember(room, person);
  ctx.deliveries.publish({
    resource: 'memberships',
    event: 'created',
    actorId: actor.id,
    roomId: room.id,
    data: membershipData(membership),
    audience: membershipAudience(ctx.state, room.id),
  });
  return membership;
}

/** The 1:1 space of caller and other, created on first use like Webex does. */
export function ensureDirectRoom(ctx: EmulatorContext, caller: Person, other: Person): Room {
  const existing = ctx.state.directRoom(caller.id, other.id);
  if (existing) return existing;
  const room = ctx.state.createRoom({ title: other.displayName, type: 'direct', creator: caller });
  ctx.state.addMember(room, caller);
  addMemberAndPublish(ctx, room, other, caller);
  return room;
}

const CreateMembershipSchema = z
  .object({ roomId: z.string(), personId: z.string().optional(), personEmail: z.string().optional() })
  .refine((b) => b.personId || b.personEmail, { message: 'personId or personEmail is required' });

export function roomRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>({ strict: false });
  app.get('/', (c) => {
    const caller = c.get('caller');
    const type = c.req.query('type');
    const rooms = [...ctx.state.rooms.values()]
      .filter((r) => ctx.state.isMember(r.id, caller.id) && (!type || r.type === type))
      .map((r) => ctx.state.roomFor(r, caller.id));
    return c.json({ items: rooms });
  });
  app.get('/:id', (c) => {
    const room = ctx.state.rooms.get(c.req.param('id'));
    const caller = c.get('caller');
    if (!room || !ctx.state.isMember(room.id, caller.id)) return apiError(c, 404, 'Room not found.');
    return c.json(ctx.state.roomFor(room, caller.id));
  });
  return app;
}

export function membershipRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>({ strict: false });
  app.get('/', (c) => {
    const caller = c.get('caller');
    const roomId = c.req.query('roomId');
    const personId = c.req.query('personId');
    const personEmail = c.req.query('personEmail')?.toLowerCase();
    const max = Number(c.req.query('max') ?? 100);
    if (roomId && !ctx.state.isMember(roomId, caller.id)) return c.json({ items: [] });
    const items = [...ctx.state.memberships.values()].filter(
      (m) =>
        (roomId ? m.roomId === roomId : m.personId === caller.id) &&
        (!personId || m.personId === personId) &&
        (!personEmail || m.personEmail === personEmail),
    );
    return c.json({ items: items.slice(0, max) });
  });
  app.get('/:id', (c) => {
    const m = ctx.state.memberships.get(c.req.param('id'));
    if (!m || !ctx.state.isMember(m.roomId, c.get('caller').id)) return apiError(c, 404, 'Membership not found.');
    return c.json(m);
  });
  app.post('/', async (c) => {
    const parsed = CreateMembershipSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return apiError(c, 400, parsed.error.issues.map((i) => i.message).join('; '));
    const caller = c.get('caller');
    const room = ctx.state.rooms.get(parsed.data.roomId);
    if (!room || !ctx.state.isMember(room.id, caller.id)) return apiError(c, 404, 'Room not found.');
    if (room.type === 'direct') return apiError(c, 409, 'Cannot add people to a 1:1 space.');
    const person = parsed.data.personId
      ? ctx.state.people.get(parsed.data.personId)
      : ctx.state.personByEmail(parsed.data.personEmail ?? '');
    if (!person) return apiError(c, 404, 'Person not found.');
    c.set('logRoom', room.id);
    return c.json(addMemberAndPublish(ctx, room, person, caller));
  });
  return app;
}
