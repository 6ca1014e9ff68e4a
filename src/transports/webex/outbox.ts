// The bot layer's Outbox on the Webex REST API (/v1/messages). Cards go as an
// adaptive card attachment with the markdown fallback Webex shows where cards do not render.
import { z } from 'zod';
import type { OutgoingCard, Outbox, SentMessage } from '../../bot/types.js';
import type { RestClient } from './rest-client.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const CreatedMessageSchema = z.object({ id: z.string().min(1) });

type Target = { roomId: string } | { toPersonEmail: string };

export function createWebexOutbox(client: RestClient): Outbox {
  async function create(body: Record<string, unknown>): Promise<SentMessage> {
    const created = CreatedMessageSchema.parse(await client.request({ method: 'POST', path: '/messages', json: body }));
    return { messageId: created.id };
  }
  const cardBody = (target: Target, card: OutgoingCard) => ({
    ...target,
    markdown: card.fallbackText,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card.card }],
  });

  return {
    sendCard: (roomId, card) => create(cardBody({ roomId }, card)),
    sendText: (roomId, markdown) => create({ roomId, markdown }),
    sendCardToPerson: (email, card) => create(cardBody({ toPersonEmail: email }, card)),
    sendTextToPerson: (email, markdown) => create({ toPersonEmail: email, markdown }),
    async sendFile(roomId, file) {
      const form = () => {
        const data = new FormData();
        data.set('roomId', roomId);
        data.set('markdown', file.markdown);
        data.set('files', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
        return data;
      };
      const created = CreatedMessageSchema.parse(await client.request({ method: 'POST', path: '/messages', form }));
      return { messageId: created.id };
    },
    async deleteMessage(messageId) {
      await client.request({ method: 'DELETE', path: `/messages/${encodeURIComponent(messageId)}` });
    },
  };
}
