// Replicas share the bot's webhooks: a starting replica reuses what exists and creates only
// what is missing; neither its start nor its stop removes the webhooks the others receive by.
import { describe, expect, it } from 'vitest';
import { shareWebhooks } from '../../src/transports/webex/shared-webhooks.js';
import type { WebexSdk } from '../../src/transports/webex/framework-types.js';

type Hook = { id: string; name: string; resource: string; event: string; targetUrl: string };

function fakeWebex(existing: Hook[]) {
  const hooks = [...existing];
  let next = existing.length;
  const webhooks = {
    list: async () => ({ items: [...hooks] }),
    create: async (w: Omit<Hook, 'id'>) => {
      const made = { ...w, id: `wh-${++next}` };
      hooks.push(made);
      return made;
    },
    remove: async (w: Hook) => void hooks.splice(hooks.findIndex((h) => h.id === w.id), 1),
  };
  return { webex: { webhooks } as unknown as WebexSdk, hooks, webhooks };
}

const FIREHOSE = { name: 'desk', resource: 'all', event: 'all', targetUrl: 'https://desk.acme.example/webhook' };
const CARDS = { ...FIREHOSE, resource: 'attachmentActions', event: 'created' };

describe('shared webhooks', () => {
  it('a replica starting like the framework does (list, remove all, create two) keeps the existing ones and adds none', async () => {
    const { webex, hooks, webhooks } = fakeWebex([{ id: 'wh-1', ...FIREHOSE }, { id: 'wh-2', ...CARDS }]);
    shareWebhooks(webex);
    const listed = await webhooks.list();
    for (const hook of listed.items) await webhooks.remove(hook);
    const firehose = await webhooks.create(FIREHOSE);
    const cards = await webhooks.create(CARDS);
    expect([firehose.id, cards.id]).toEqual(['wh-1', 'wh-2']);
    expect(hooks.map((h) => h.id)).toEqual(['wh-1', 'wh-2']);
  });

  it('the first replica creates them; a stop (the framework removes them) keeps them for the others', async () => {
    const { webex, hooks, webhooks } = fakeWebex([]);
    shareWebhooks(webex);
    await webhooks.list();
    await webhooks.create(FIREHOSE);
    await webhooks.create(CARDS);
    expect(hooks).toHaveLength(2);
    for (const hook of (await webhooks.list()).items) await webhooks.remove(hook);
    expect(hooks).toHaveLength(2);
  });
});
