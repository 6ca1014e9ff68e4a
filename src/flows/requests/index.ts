// Change requests (flow "request"): helpdesk agents file them from the wizard's review
// (file.ts), admins decide them from the approval card (decide.ts). The approval card
// carries the request's id and version instead of a draft.
import { onDecide } from './decide.js';
import { REQUEST_FLOW } from './cards.js';
import { unknownAction } from '../wizard/engine.js';
import type { CardFlow } from '../wizard/types.js';

export { REQUEST_FLOW } from './cards.js';
export { expireDueRequests } from './expiry.js';
export { listRequests, showRequest } from './list.js';

export const requestFlow: CardFlow = {
  name: REQUEST_FLOW,
  // Deciding applies the change: an administrator's (R11).
  needs: 'apply',
  targetOf: (store, submit) => (submit.draftId ? store.request(submit.draftId)?.targetUserId : undefined),
  handle: (ctx, submit) => (submit.step === 'decide' ? onDecide(ctx, submit) : Promise.reject(unknownAction(submit))),
};
