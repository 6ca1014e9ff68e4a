// The flows the bot layer routes to: commands start them, card submits continue them.
import type { FlowContext } from './context.js';
import type { Submit } from './submit.js';
import type { StoreReader } from '../store/index.js';
import { EDIT_FLOW, onEditSubmit } from './edit/index.js';
import { EXTERNAL_FLOW, onExternalSubmit } from './external/index.js';
import { REASSIGN_FLOW, onReassignSubmit } from './reassign.js';
import { HISTORY_FLOW, onHistorySubmit } from './history.js';
import { REQUEST_FLOW, onRequestSubmit } from './requests/index.js';

export type { FlowContext, FlowConfig, FlowOutbox, Reply } from './context.js';
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
export { showHelp, helpCard, HELP_ORDER, type HelpCommand } from './help.js';
export { setLanguage } from './language.js';
export { messageCard, expiredCard, errorCard } from './messages.js';
export { forgetDraft, removeExpiredDrafts } from './drafts.js';
export { allAdmins, roleHolders, showRoles, addRole, removeRole } from './roles.js';
export { showHistory, HISTORY_FLOW, HISTORY_PAGE_SIZE } from './history.js';
export { listRequests, showRequest, expireDueRequests, REQUEST_FLOW } from './requests/index.js';
export { verifyAudit } from './audit.js';
export { exportUsers } from './export.js';

/** Card submits by flow name. */
export const SUBMIT_HANDLERS: Readonly<Record<string, (ctx: FlowContext, submit: Submit) => Promise<void>>> = {
  [EDIT_FLOW]: onEditSubmit,
  [EXTERNAL_FLOW]: onExternalSubmit,
  [REASSIGN_FLOW]: onReassignSubmit,
  [HISTORY_FLOW]: onHistorySubmit,
  [REQUEST_FLOW]: onRequestSubmit,
};

/** The user a card action is about (its draft's or request's), for the audit line of a refusal. */
export function submitTarget(store: StoreReader, submit: Pick<Submit, 'flow' | 'draftId'>): string | undefined {
  if (!submit.draftId) return undefined;
  return submit.flow === REQUEST_FLOW ? store.request(submit.draftId)?.targetUserId : store.draft(submit.draftId)?.targetUserId;
}

/**
 * Who may send a card action: "view" (admins and helpdesk agents; the draft's owner check
 * does the rest) or "admin". Deciding a request and R10's reassign are admin actions.
 */
export function submitNeeds(submit: Pick<Submit, 'flow'>): 'view' | 'admin' {
  return submit.flow === REQUEST_FLOW || submit.flow === REASSIGN_FLOW ? 'admin' : 'view';
}
