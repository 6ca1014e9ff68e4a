// Several replicas behind one load balancer share the bot's webhooks (one WEBHOOK_URL). The
// framework removes webhooks at start and at stop and creates its own: each replica starting or
// stopping would delete the webhooks the others receive events by. Shared, they are the
// deployment's: a replica reuses the ones that exist (same name, resource, event and URL),
// creates only what is missing, and removes none.
import type { WebexSdk } from './framework-types.js';

interface Webhook {
  id?: string;
  name?: string;
  resource?: string;
  event?: string;
  targetUrl?: string;
}

type Hooks = { list(): Promise<{ items: Webhook[] }>; create(webhook: Webhook): Promise<Webhook>; remove(webhook: Webhook): Promise<unknown> };

const same = (a: Webhook, b: Webhook): boolean => a.name === b.name && a.resource === b.resource && a.event === b.event && a.targetUrl === b.targetUrl;

export function shareWebhooks(webex: WebexSdk, onKept: (what: string) => void = () => undefined): void {
  const hooks = (webex as unknown as { webhooks?: Hooks }).webhooks;
  if (!hooks) return;
  const list = hooks.list.bind(hooks);
  const create = hooks.create.bind(hooks);
  let seen: Webhook[] = [];
  hooks.list = async () => {
    const result = await list();
    seen = result.items;
    return result;
  };
  hooks.remove = (webhook: Webhook) => {
    onKept(`${webhook.resource ?? 'a'} webhook ${webhook.id ?? ''} kept (replicas share it)`);
    return Promise.resolve();
  };
  hooks.create = async (webhook: Webhook) => seen.find((existing) => same(existing, webhook)) ?? create(webhook);
}
