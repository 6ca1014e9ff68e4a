// Change requests (flow "request"): helpdesk agents file them from the wizard's review
// (file.ts registers the strategy), admins decide them from the approval card (decide.ts).
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import type { Submit } from '../submit.js';
import { onDecide } from './decide.js';
import './file.js';

export { REQUEST_FLOW } from './cards.js';
export { requestedCard } from './file.js';
export { expireDueRequests } from './expiry.js';
export { listRequests, showRequest } from './list.js';

export async function onRequestSubmit(ctx: FlowContext, submit: Submit): Promise<void> {
  if (submit.step === 'decide') return onDecide(ctx, submit);
  throw new InputError('error.unknown-action', { action: submit.action.slice(0, 40) });
}
