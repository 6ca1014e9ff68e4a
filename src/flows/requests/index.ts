// Change requests (flow "request"): helpdesk agents file them from the wizard's review
// (file.ts), admins decide them from the approval card (decide.ts). The approval card
// carries the request's id and version instead of a draft.
import { onDecide } from './decide.js';
import { REQUEST_FLOW } from './cards.js';
import type { CardFlow } from '../wizard/types.js';

export { REQUEST_FLOW } from './cards.js';
export { expireDueRequests } from './expiry.js';
export { listRequests, showRequest } from './list.js';

const DECISIONS = new Set(['approve', 'reject']);

export const requestFlow: CardFlow = {
  name: REQUEST_FLOW,
  // Deciding applies the change: an administrator's (R11).
  rule: (step, action) => (step === 'decide' && DECISIONS.has(action) ? { needs: 'apply' } : undefined),
  targetOf: (store, submit) => (submit.draftId ? store.request(submit.draftId)?.targetUserId : undefined),
  handle: onDecide,
};
