// /v1/messages (create with text/markdown/card attachments/files, get, list, edit, delete)
// and /v1/contents (the uploaded files).
import { Hono } from 'hono';
import { z } from 'zod';
import { webexId } from '../ids.js';
import { apiError, type EmulatorContext, type EmulatorEnv } from '../http.js';
import { renderMentions } from '../markdown.js';
import type { Message, Person, Room } from '../model.js';
import { messageAudience, messageData } from '../visibility.js';
import { ensureDirectRoom } from './rooms.js';

const CreateMessageSchema = z
  .object({
    roomId: z.string().optional(),
    toPersonId: z.string().optional(),
    toPersonEmail: z.string().optional(),
    parentId: z.string().optional(),
    text: z.string().max(7439).optional(),
    markdown: z.string().max(7439).optional(),
    attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })).max(1).optional(),
  })
  .refine((b) => b.roomId || b.toPersonId || b.toPersonEmail, {
    message: 'One of roomId, toPersonId or toPersonEmail is required.',
  });

type CreateMessage = z.infer<typeof CreateMessageSchema> & { uploads: File[] };

// PUT /messages/{id}: roomId and the new text; the reference takes no attachments and
// refuses to edit a message that has files or attachments (behaviour.cardEdits plays both).
const EditMessageSchema = z.object({
  roomId: z.string().min(1),
  text: z.string().max(7439).optional(),
  markdown: z.string().max(7439).optional(),
  attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })).max(1).optional(),
});
/** The reference: "The maximum currently supported is 10 edits per message." */
const MAX_EDITS = 10;

async function readBody(contentType: string | undefined, req: Request): Promise<unknown> {
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await req.formData();
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
    return { ...fields, uploads: form.getAll('files').filter((f): f is File => typeof f !== 'string') };
  }
  return req.json().catch(() => undefined);
}

export function messageRoutes(ctx: EmulatorContext, publicBase: () => string): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>({ strict: false });
  const { state } = ctx;

  function targetRoom(caller: Person, body: CreateMessage): Room | string {
    if (body.roomId) {
      const room = state.rooms.get(body.roomId);
      return room && state.isMember(room.id, caller.id) ? room : 'Room not found.';
    }
    const other = body.toPersonId ? state.people.get(body.toPersonId) : state.personByEmail(body.toPersonEmail ?? '');
    if (!other) return 'Person not found.';
    return ensureDirectRoom(ctx, caller, other);
  }

  async function storeUploads(roomId: string, uploads: File[]): Promise<string[]> {
    const urls: string[] = [];
    for (const file of uploads) {
      const id = webexId('CONTENT');
      state.files.set(id, {
        id,
        roomId,
        filename: file.name || 'file',
        contentType: file.type || 'application/octet-stream',
        data: Buffer.from(await file.arrayBuffer()),
      });
      urls.push(`${publicBase()}/contents/${id}`);
    }
    return urls;
  }

  app.post('/', async (c) => {
    const raw = await readBody(c.req.header('content-type'), c.req.raw);
    const parsed = CreateMessageSchema.safeParse(raw);
    if (!parsed.success) return apiError(c, 400, parsed.error.issues.map((i) => i.message).join('; '));
    const uploads = (raw as { uploads?: File[] }).uploads ?? [];
    const body: CreateMessage = { ...parsed.data, uploads };
    if (!body.text && !body.markdown && !body.attachments && uploads.length === 0) {
      return apiError(c, 400, 'A message needs text, markdown, files or attachments.');
    }
    if (body.attachments && !body.text && !body.markdown) {
      return apiError(c, 400, 'A message with attachments needs text or markdown as the fallback.');
    }
    const caller = c.get('caller');
    const room = targetRoom(caller, body);
    if (typeof room === 'string') return apiError(c, 404, room);
    const rendered = renderMentions(state, body.markdown ?? body.text ?? '');
    const files = await storeUploads(room.id, uploads);
    const message: Message = {
      id: webexId('MESSAGE'),
      roomId: room.id,
      roomType: room.type,
      text: rendered.text,
      ...(body.markdown ? { markdown: body.markdown } : {}),
      ...(rendered.html ? { html: rendered.html } : {}),
      ...(files.length ? { files } : {}),
      ...(body.attachments ? { attachments: body.attachments } : {}),
      personId: caller.id,
      personEmail: caller.emails[0] ?? '',
      ...(rendered.mentionedPeople ? { mentionedPeople: rendered.mentionedPeople } : {}),
      ...(body.parentId ? { parentId: body.parentId } : {}),
      created: new Date().toISOString(),
    };
    state.messages.set(message.id, message);
    room.lastActivity = message.created;
    caller.lastActivity = message.created; // writing a message is activity (the People API's lastActivity)
    c.set('logRoom', room.id);
    c.set('logDetail', body.attachments ? `card: ${message.text?.slice(0, 80)}` : message.text?.slice(0, 120));
    ctx.deliveries.publish({
      resource: 'messages',
      event: 'created',
      actorId: caller.id,
      roomId: room.id,
      data: messageData(message),
      audience: messageAudience(state, message),
    });
    return c.json(message);
  });

  app.get('/', (c) => {
    const roomId = c.req.query('roomId');
    if (!roomId) return apiError(c, 400, 'roomId is required.');
    if (!state.isMember(roomId, c.get('caller').id)) return apiError(c, 404, 'Room not found.');
    const max = Number(c.req.query('max') ?? 50);
    const items = [...state.messages.values()].filter((m) => m.roomId === roomId).reverse(); // newest first
    return c.json({ items: items.slice(0, max) });
  });

  app.get('/:id', (c) => {
    const message = state.messages.get(c.req.param('id'));
    if (!message || !state.isMember(message.roomId, c.get('caller').id)) return apiError(c, 404, 'Message not found.');
    return c.json(message);
  });

  const editCounts = new Map<string, number>();
  app.put('/:id', async (c) => {
    const parsed = EditMessageSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return apiError(c, 400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const message = state.messages.get(c.req.param('id'));
    const caller = c.get('caller');
    if (!message || message.roomId !== parsed.data.roomId || !state.isMember(message.roomId, caller.id)) return apiError(c, 404, 'Message not found.');
    if (message.personId !== caller.id) return apiError(c, 403, 'You can only edit your own messages.');
    const withCard = Boolean(message.files?.length || message.attachments?.length || parsed.data.attachments);
    if (withCard && ctx.behaviour.cardEdits === 'refused') return apiError(c, 400, 'Editing a message with files or attachments is currently unsupported.');
    if (!parsed.data.text && !parsed.data.markdown) return apiError(c, 400, 'An edit needs text or markdown.');
    const edits = editCounts.get(message.id) ?? 0;
    if (edits >= MAX_EDITS) return apiError(c, 400, `A message can be edited at most ${MAX_EDITS} times.`);
    editCounts.set(message.id, edits + 1);
    const rendered = renderMentions(state, parsed.data.markdown ?? parsed.data.text ?? '');
    const edited: Message = {
      ...message,
      text: rendered.text,
      ...(parsed.data.markdown ? { markdown: parsed.data.markdown } : {}),
      ...(parsed.data.attachments ? { attachments: parsed.data.attachments } : {}),
      updated: new Date().toISOString(),
    };
    state.messages.set(message.id, edited);
    c.set('logRoom', message.roomId);
    c.set('logDetail', parsed.data.attachments ? `card: ${edited.text?.slice(0, 80)}` : edited.text?.slice(0, 120));
    return c.json(edited);
  });

  app.delete('/:id', (c) => {
    const message = state.messages.get(c.req.param('id'));
    const caller = c.get('caller');
    if (!message || !state.isMember(message.roomId, caller.id)) return apiError(c, 404, 'Message not found.');
    if (message.personId !== caller.id) return apiError(c, 403, 'You can only delete your own messages.');
    state.messages.delete(message.id);
    c.set('logRoom', message.roomId);
    ctx.deliveries.publish({
      resource: 'messages',
      event: 'deleted',
      actorId: caller.id,
      roomId: message.roomId,
      data: messageData(message),
      audience: messageAudience(state, message),
    });
    return c.body(null, 204);
  });
  return app;
}

/**
 * GET /contents/{id}: the file, its name in Content-Disposition (how Webex tells a client
 * the name; a HEAD gives the headers alone). Needs the bearer token of a member of the space.
 */
export function contentRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>({ strict: false });
  app.get('/:id', (c) => {
    const file = ctx.state.files.get(c.req.param('id'));
    if (!file || !ctx.state.isMember(file.roomId, c.get('caller').id)) return apiError(c, 404, 'Content not found.');
    c.set('logRoom', file.roomId);
    return c.body(new Uint8Array(file.data), 200, {
      'content-type': file.contentType,
      'content-length': String(file.data.length),
      'content-disposition': `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '')}"`,
    });
  });
  return app;
}
