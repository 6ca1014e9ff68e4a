// The admin's way to finish a change (R11: apply): one commit of the user's new licenses,
// the finished draft (at its result step, with what was saved) and the audit line.
import { commitAssignment } from '../commit-assignment.js';
import { advance } from '../drafts.js';
import { verdictSections, verdictView } from '../verdict-sections.js';
import type { FinishChange } from './types.js';

/** What a saved change looked like, kept on the finished draft so a repeated Save shows it again. */
export interface SavedSummary {
  sections: ReturnType<typeof verdictSections>;
}

export const applyNow: FinishChange = {
  intent: 'apply',
  primaryTitleKey: 'action.save',
  primaryAction: 'save',
  async finish({ ctx, draft, user, verdict }) {
    const saved: SavedSummary = { sections: verdictSections(ctx, verdictView(ctx, verdict)).filter((s) => s.color !== 'Attention') };
    const done = advance(draft, { step: 'result', status: 'done', state: { ...draft.state, saved } });
    const stored = await commitAssignment(ctx, {
      user,
      draft,
      done,
      verdict,
      audit: { action: 'license.change', change: draft.change, details: { flow: draft.flow, draftId: draft.id } },
    });
    return { done: stored };
  },
};
