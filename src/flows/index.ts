// The flows the bot layer routes to: commands start them, card submits continue them.
import type { FlowContext } from './context.js';
import type { Submit } from './submit.js';
import { EDIT_FLOW, onEditSubmit } from './edit/index.js';
import { EXTERNAL_FLOW, onExternalSubmit } from './external/index.js';
import { REASSIGN_FLOW, onReassignSubmit } from './reassign.js';

export type { FlowContext, FlowConfig, Reply } from './context.js';
export { tr } from './context.js';
export type { Submit } from './submit.js';
export { InputError, DraftGoneError, NotDraftOwnerError } from './errors.js';
export { startEdit, EDIT_FLOW } from './edit/index.js';
export { UserGoneError } from './edit/show.js';
export { registerFinishChange, finishChangeFor, type FinishChange } from './edit/finish.js';
export { startExternal, EXTERNAL_FLOW } from './external/index.js';
export { addExternal } from './external/add.js';
export { startReassign, REASSIGN_FLOW } from './reassign.js';
export { showUsage } from './usage.js';
export { findUsers } from './find.js';
export { showHelp, helpCard } from './help.js';
export { setLanguage } from './language.js';
export { messageCard, expiredCard, errorCard } from './messages.js';
export { forgetDraft } from './drafts.js';

/** Card submits by flow name (issue 6 adds "request"). */
export const SUBMIT_HANDLERS: Readonly<Record<string, (ctx: FlowContext, submit: Submit) => Promise<void>>> = {
  [EDIT_FLOW]: onEditSubmit,
  [EXTERNAL_FLOW]: onExternalSubmit,
  [REASSIGN_FLOW]: onReassignSubmit,
};
