// The flows the bot layer routes to: commands start them, card submits continue them.
// CARD_FLOWS is the one table of flow → step → action the card-action router looks up.
import { cardFlow } from './wizard/engine.js';
import type { CardFlow } from './wizard/types.js';
import { editWizard } from './edit/index.js';
import { externalWizard } from './external/index.js';
import { reassignWizard } from './reassign.js';
import { historyFlow } from './history.js';
import { requestFlow } from './requests/index.js';
import { webexChangeFlow } from './org/change-actions.js';
import { grantFlow } from './grants/flow.js';
import { askFlow, queueFlow } from './asks/index.js';
import { reclaimAskFlow, reclaimFlow } from './reclaim/index.js';

export type { FlowContext, FlowConfig, FlowOutbox, Reply } from './context.js';
export { tr } from '../i18n/index.js';
export type { Submit } from './submit.js';
export type { CardFlow, Refusal } from './wizard/types.js';
export { InputError, DraftGoneError, NotDraftOwnerError } from './errors.js';
export { UserGoneError } from './wizard/engine.js';
export { startEdit, EDIT_FLOW } from './edit/index.js';
export { startExternal, EXTERNAL_FLOW } from './external/index.js';
export { addExternal } from './external/add.js';
export { startReassign, REASSIGN_FLOW } from './reassign.js';
export { startUndoCommand } from './undo-command.js';
export { showGrants } from './grants/list.js';
export { runGrantSchedule } from './grants/schedule.js';
export { startAsk, showQueue, remindUntouchedAsks } from './asks/index.js';
export { inTypedLanguage } from './language.js';
export { showUsage } from './usage.js';
export { findUsers } from './find.js';
export { showHelp, helpCard, audienceOf, HELP_ORDER, type HelpAudience, type HelpCommand, type HelpLine } from './help.js';
export { editDistance, nearMiss } from './edit-distance.js';
export { nearestUsers } from './nearest-users.js';
export { COMMAND_FLOW, commandAction } from './submit.js';
export { setLanguage } from './language.js';
export { messageCard, expiredCard, errorCard } from './messages.js';
export { forgetDraft, removeExpiredDrafts } from './drafts.js';
export { allAdmins, roleHolders, showRoles, addRole, removeRole } from './roles.js';
export { showHistory, HISTORY_FLOW, HISTORY_PAGE_SIZE } from './history.js';
export { listRequests, showRequest, expireDueRequests, REQUEST_FLOW } from './requests/index.js';
export { verifyAudit } from './audit.js';
export { authRefusedLine } from './audit-lines.js';
export { exportUsers } from './export.js';
export { syncCommand, pendingCommand } from './org/commands.js';
export { startReclaim, sendReclaimReport, reclaimCandidates, DEFAULT_RECLAIM_DAYS, type ReclaimListing, type ReclaimGroup, type ReclaimRow } from './reclaim/index.js';
export type { OrgConnection } from './org/port.js';

/** Every flow whose cards have buttons, by name. */
export const CARD_FLOWS: ReadonlyMap<string, CardFlow> = new Map(
  [cardFlow(editWizard), cardFlow(externalWizard), cardFlow(reassignWizard), historyFlow, requestFlow, webexChangeFlow, grantFlow, askFlow, queueFlow, reclaimFlow, reclaimAskFlow].map((flow) => [flow.name, flow]),
);
