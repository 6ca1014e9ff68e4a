// The webhook body as Webex posts it; parsed with zod after the signature check.
import { z } from 'zod';

export const WebhookBodySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  resource: z.string(),
  event: z.string(),
  actorId: z.string().optional(),
  data: z.looseObject({
    id: z.string().min(1),
    roomId: z.string().optional(),
    personId: z.string().optional(),
    personEmail: z.string().optional(),
    roomType: z.string().optional(),
    mentionedPeople: z.array(z.string()).optional(),
  }),
});
export type WebhookBody = z.infer<typeof WebhookBodySchema>;
