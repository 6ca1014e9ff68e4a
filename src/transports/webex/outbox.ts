// The bot layer's Outbox on the Webex REST API (/v1/messages). Cards go as an
// adaptive card attachment with the markdown fallback Webex shows where cards do not render.
// A step's card replaces the clicked one by an edit (PUT /v1/messages/{id}): the reference
// says messages with attachments cannot be edited, yet card edits are seen working. The
// first refusal (4xx) turns edits off for the life of the process; then, and whenever an
// edit fails, the card is sent anew and the old one deleted.
import { z } from 'zod';
import type { OutgoingCard, Outbox, SentMessage } from '../../bot/types.js';
import { WebexApiError, type RestClient } from './rest-client.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const CreatedMessageSchema = z.object({ id: z.string().min(1), roomId: z.string().min(1).optional() });

type Target = { roomId: string } | { toPersonEmail: string };

export interface OutboxOptions {
  /** Webex refused the first card edit: every later step sends and deletes (logged once). */
  onEditsRefused?: (error: WebexApiError) => void;
  /** A card left behind could not be deleted (untidy, not wrong: the draft makes it stale). */
  onDeleteFailed?: (messageId: string, error: unknown) => void;
  /**
   * Work that goes on after the reply (deleting the clicked card): handed over so shutdown
   * waits for it, while the space's next event need not.
   */
  background?: (work: Promise<unknown>) => void;
}

export function createWebexOutbox(client: RestClient, options: OutboxOptions = {}): Outbox {
  let edits: 'untried' | 'work' | 'refused' = 'untried';
  async function create(body: Record<string, unknown>): Promise<SentMessage> {
    const created = CreatedMessageSchema.parse(await client.request({ method: 'POST', path: '/messages', json: body }));
    return { messageId: created.id, ...(created.roomId ? { roomId: created.roomId } : {}) };
  }
  const cardBody = (target: Target, card: OutgoingCard) => ({
    ...target,
    markdown: card.fallbackText,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card.card }],
  });

  const remove = (messageId: string) => client.request({ method: 'DELETE', path: `/messages/${encodeURIComponent(messageId)}` }).then(() => undefined);

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
    deleteMessage: remove,
    async replaceCard(roomId, messageId, card) {
      if (edits !== 'refused') {
        try {
          await client.request({ method: 'PUT', path: `/messages/${encodeURIComponent(messageId)}`, json: cardBody({ roomId }, card) });
          edits = 'work';
          return { messageId };
        } catch (error) {
          const refused = error instanceof WebexApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
          if (refused && edits === 'untried') {
            edits = 'refused';
            options.onEditsRefused?.(error);
          }
        }
      }
      const sent = await create(cardBody({ roomId }, card));
      const removal = remove(messageId).catch((error: unknown) => options.onDeleteFailed?.(messageId, error));
      if (options.background) options.background(removal);
      else await removal;
      return sent;
    },
  };
}
