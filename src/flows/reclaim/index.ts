// "Win licenses back" (issue 17): `reclaim [days]` lists licensed users Webex has not seen for
// that many days, by license; Keep, Remove and "Ask the user" act on a row (list.ts, act.ts);
// the person asked answers on a 1:1 card (answer.ts). The listing itself is
// `reclaimCandidates` (candidates.ts), which the weekly report (report.ts, RECLAIM_REPORT) shares.
import type { StoreReader } from '../../store/index.js';
import { unknownAction } from '../wizard/engine.js';
import type { CardFlow } from '../wizard/types.js';
import { onAnswerSubmit, onQuestionSubmit } from './answer.js';
import { onListSubmit } from './list.js';
import { RECLAIM_ASK_FLOW, RECLAIM_FLOW } from './state.js';

export { startReclaim } from './list.js';
export { reclaimCandidates, DEFAULT_RECLAIM_DAYS, type ReclaimListing, type ReclaimGroup, type ReclaimRow } from './candidates.js';
export { sendReclaimReport, reportSlot, REPORT_MARK } from './report.js';
export { RECLAIM_FLOW, RECLAIM_ASK_FLOW, KEEP_DAYS, ASK_DAYS } from './state.js';

/** The user a question is about (for the audit line of a refused click). */
const askedUserOf = (store: StoreReader, draftId: string): string | undefined => {
  const draft = draftId ? store.draft(draftId) : undefined;
  return draft?.flow === RECLAIM_ASK_FLOW ? draft.targetUserId : undefined;
};

/** The list's buttons and the answer card's: an administrator's (R11 apply). */
export const reclaimFlow: CardFlow = {
  name: RECLAIM_FLOW,
  needs: 'apply',
  targetOf: (store, submit) => (submit.step === 'answer' ? askedUserOf(store, submit.draftId) : undefined),
  handle: (ctx, submit) => {
    if (submit.step === 'answer') return onAnswerSubmit(ctx, submit);
    if (submit.step === 'list') return onListSubmit(ctx, submit);
    return Promise.reject(unknownAction(submit));
  },
};

/** The question's buttons: answered by the person asked, who may hold no role; the flow checks who clicks. */
export const reclaimAskFlow: CardFlow = {
  name: RECLAIM_ASK_FLOW,
  // Anyone may answer (R11 "ask"): the person asked may hold no role; answer.ts checks who clicks.
  needs: 'ask',
  targetOf: (store, submit) => askedUserOf(store, submit.draftId),
  handle: onQuestionSubmit,
};
