// /v1/webhooks: list, create, get, update, delete the caller's webhooks.
import { Hono } from 'hono';
import { z } from 'zod';
import { stableUuid, webexId } from '../ids.js';
import { apiError, type EmulatorContext, type EmulatorEnv } from '../http.js';
import type { Webhook } from '../model.js';
import { ORG_ID } from '../state.js';

const RESOURCES = ['all', 'messages', 'memberships', 'rooms', 'attachmentActions'] as const;
const EVENTS = ['all', 'created', 'updated', 'deleted'] as const;

const CreateWebhookSchema = z.object({
  name: z.string().min(1),
  targetUrl: z.url(),
  resource: z.enum(RESOURCES),
  event: z.enum(EVENTS),
  filter: z.string().optional(),
  secret: z.string().optional(),
});

const UpdateWebhookSchema = z.object({
  name: z.string().min(1),
  targetUrl: z.url(),
  secret: z.string().optional(),
  status: z.enum(['active', 'inactive']).optional(),
});

const publicWebhook = ({ secret: _secret, ...rest }: Webhook) => rest;

export function webhookRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>({ strict: false });
  const { state } = ctx;
  const own = (id: string, callerId: string) => {
    const webhook = state.webhooks.get(id);
    return webhook && webhook.createdBy === callerId ? webhook : undefined;
  };

  app.get('/', (c) => c.json({ items: state.webhooksOf(c.get('caller').id).map(publicWebhook) }));
  app.post('/', async (c) => {
    const parsed = CreateWebhookSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return apiError(c, 400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const caller = c.get('caller');
    const webhook: Webhook = {
      id: webexId('WEBHOOK'),
      ...parsed.data,
      orgId: ORG_ID,
      createdBy: caller.id,
      appId: webexId('APPLICATION', stableUuid(`app:${caller.id}`)),
      ownedBy: 'creator',
      status: 'active',
      created: new Date().toISOString(),
    };
    state.webhooks.set(webhook.id, webhook);
    c.set('logDetail', `${webhook.resource}:${webhook.event} → ${webhook.targetUrl}`);
    return c.json(publicWebhook(webhook));
  });
  app.get('/:id', (c) => {
    const webhook = own(c.req.param('id'), c.get('caller').id);
    return webhook ? c.json(publicWebhook(webhook)) : apiError(c, 404, 'Webhook not found.');
  });
  app.put('/:id', async (c) => {
    const webhook = own(c.req.param('id'), c.get('caller').id);
    if (!webhook) return apiError(c, 404, 'Webhook not found.');
    const parsed = UpdateWebhookSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return apiError(c, 400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    Object.assign(webhook, parsed.data);
    return c.json(publicWebhook(webhook));
  });
  app.delete('/:id', (c) => {
    const webhook = own(c.req.param('id'), c.get('caller').id);
    if (!webhook) return apiError(c, 404, 'Webhook not found.');
    state.webhooks.delete(webhook.id);
    return c.body(null, 204);
  });
  return app;
}
