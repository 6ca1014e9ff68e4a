// Webhook deliveries like Webex's: the body is {id, name, resource, event, filter,
// ..., actorId, data}, signed with X-Spark-Signature = HMAC-SHA1 (hex) of the raw body
// with the webhook's secret. Deliveries go out one at a time, in order. The emulator signs
// with its own code, not the bot's: a bug in the bot's check must not hide itself here.
import { createHmac } from 'node:crypto';
import type { EventLog } from './event-log.js';
import type { Faults } from './faults.js';
import type { EmulatorEvent, Webhook } from './model.js';
import type { EmulatorState } from './state.js';

function matches(webhook: Webhook, event: EmulatorEvent): boolean {
  if (webhook.status !== 'active') return false;
  // The "all" firehose does not carry card submits; a bot registers attachmentActions separately.
  const resourceOk =
    webhook.resource === event.resource || (webhook.resource === 'all' && event.resource !== 'attachmentActions');
  const eventOk = webhook.event === 'all' || webhook.event === event.event;
  const filterOk = !webhook.filter || webhook.filter === `roomId=${event.roomId}`;
  return resourceOk && eventOk && filterOk;
}

export function deliveryBody(webhook: Webhook, event: EmulatorEvent): Record<string, unknown> {
  return {
    id: webhook.id,
    name: webhook.name,
    targetUrl: webhook.targetUrl,
    resource: event.resource,
    event: event.event,
    ...(webhook.filter ? { filter: webhook.filter } : {}),
    orgId: webhook.orgId,
    createdBy: webhook.createdBy,
    appId: webhook.appId,
    ownedBy: webhook.ownedBy,
    status: webhook.status,
    created: webhook.created,
    actorId: event.actorId,
    data: event.data,
  };
}

export class Deliveries {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly state: EmulatorState,
    private readonly log: EventLog,
    private readonly faults: Faults,
  ) {}

  /** Queue the event for every webhook that may hear it. Returns at once, like Webex. */
  publish(event: EmulatorEvent): void {
    for (const webhook of this.state.webhooks.values()) {
      if (!event.audience.has(webhook.createdBy) || !matches(webhook, event)) continue;
      const raw = JSON.stringify(deliveryBody(webhook, event));
      const copies = this.faults.takeDuplicate() ? 2 : 1;
      for (let i = 0; i < copies; i++) this.enqueue(webhook, event, raw, i > 0);
    }
  }

  private enqueue(webhook: Webhook, event: EmulatorEvent, raw: string, duplicate: boolean): void {
    this.pending += 1;
    this.queue = this.queue
      .then(() => this.send(webhook, event, raw, duplicate))
      .finally(() => {
        this.pending -= 1;
      });
  }

  private async send(webhook: Webhook, event: EmulatorEvent, raw: string, duplicate: boolean): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.secret) headers['x-spark-signature'] = createHmac('sha1', webhook.secret).update(raw).digest('hex');
    const owner = this.state.people.get(webhook.createdBy)?.emails[0];
    const title = `${event.resource}:${event.event} → ${webhook.targetUrl}${duplicate ? ' (duplicate)' : ''}`;
    try {
      const response = await fetch(webhook.targetUrl, {
        method: 'POST',
        headers,
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      this.log.add({ kind: 'webhook', title, status: response.status, who: owner, roomId: event.roomId, detail: String(event.data.id ?? '') });
    } catch (error) {
      this.log.add({ kind: 'webhook', title, who: owner, roomId: event.roomId, detail: `not delivered: ${String(error)}` });
    }
  }

  /** Resolves when every queued delivery has been answered (tests). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }
}
