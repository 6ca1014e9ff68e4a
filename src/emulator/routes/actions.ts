// /v1/attachment/actions: a card submit. Like Webex, it takes any inputs from any
// member of the space (DESIGN section 7); only personId can be trusted by the bot.
import { Hono } from 'hono';
import { z } from 'zod';
import { webexId } from '../ids.js';
import { apiError, type EmulatorContext, type EmulatorEnv } from '../http.js';
import type { AttachmentAction } from '../model.js';

const CreateActionSchema = z.object({
  type: z.literal('submit'),
  messageId: z.string().min(1),
  inputs: z.record(z.string(), z.unknown()),
});

export function actionRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>({ strict: false });
  const { state } = ctx;
  app.post('/', async (c) => {
    const parsed = CreateActionSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return apiError(c, 400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const caller = c.get('caller');
    const message = state.messages.get(parsed.data.messageId);
    if (!message || !state.isMember(message.roomId, caller.id)) return apiError(c, 404, 'Message not found.');
    if (!message.attachments?.length) return apiError(c, 400, 'The message has no card to submit.');
    const action: AttachmentAction = {
      id: webexId('ATTACHMENT_ACTION'),
      type: 'submit',
      messageId: message.id,
      inputs: parsed.data.inputs,
      personId: caller.id,
      roomId: message.roomId,
      created: new Date().toISOString(),
    };
    state.actions.set(action.id, action);
    caller.lastActivity = action.created;
    c.set('logRoom', message.roomId);
    c.set('logDetail', JSON.stringify(action.inputs).slice(0, 160));
    const { inputs: _inputs, ...data } = action;
    ctx.deliveries.publish({
      resource: 'attachmentActions',
      event: 'created',
      actorId: caller.id,
      roomId: message.roomId,
      data,
      audience: new Set([message.personId]), // the app that sent the card
    });
    return c.json(action);
  });
  app.get('/:id', (c) => {
    const action = state.actions.get(c.req.param('id'));
    const caller = c.get('caller');
    if (!action || !state.isMember(action.roomId, caller.id)) return apiError(c, 404, 'Attachment action not found.');
    return c.json(action);
  });
  return app;
}
