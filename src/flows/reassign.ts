// `reassign <email>` (R10), as a two-step wizard: a confirmation card, then one audited
// commit that removes the user's Calling license and assigns it again (the rev bumps, the
// licenses stay) and finishes the draft.
import type { Draft, User } from '../domain/index.js';
import { callingLicenseOf, evaluateReassign, type Verdict } from '../rules/index.js';
import { verdictCodes, auditBase } from './audit-lines.js';
import { commitAssignment } from './apply.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { advance, newDraft } from './drafts.js';
import { findingText, userHeader, userName } from './format.js';
import { messageCard } from './messages.js';
import { rulesContextOf } from './org-view.js';
import { actionOf } from './submit.js';
import { findOne } from './wizard/find-user.js';
import { replyUserNotFound } from './nearest-users.js';
import { showStep } from './wizard/engine.js';
import { forUser, withUser } from './wizard/step-helpers.js';
import type { Wizard } from './wizard/types.js';
import { whereSavedLine } from './org/notify.js';

export const REASSIGN_FLOW = 'reassign';

const verdictOf = (ctx: FlowContext, user: User): Verdict => evaluateReassign({ ctx: rulesContextOf(ctx.store), actorRole: ctx.role, user });
const callingLicense = (ctx: FlowContext, user: User) => callingLicenseOf(rulesContextOf(ctx.store), user.licenseIds);

/** The rules refused the reassign: audit it and tell the person why; nothing changes. */
async function refuse(ctx: FlowContext, user: User, verdict: Verdict): Promise<void> {
  await ctx.store.audit([{ ...auditBase(ctx, user), action: 'license.refused', ...verdictCodes(verdict), details: { what: 'reassign' } }]);
  await ctx.reply.card(
    messageCard(ctx, { titleKey: 'reassign.refused', textKey: 'common.nothing-changed', color: 'Attention', lines: verdict.violations.map((v) => findingText(ctx, v)) }),
  );
}

function doneCard(ctx: FlowContext, draft: Draft) {
  const state = draft.state as { license?: string; user?: string; seq?: number };
  return messageCard(ctx, {
    titleKey: 'reassign.done.title',
    textKey: 'reassign.done',
    params: { user: state.user ?? '', license: state.license ?? '', seq: draft.resultAuditSeq ?? state.seq ?? 0 }, // state.seq: drafts finished before one commit per reassign
    color: 'Good',
    lines: draft.targetUserId ? [whereSavedLine(ctx, { userId: draft.targetUserId, auditSeq: draft.resultAuditSeq ?? 0 })] : [],
  });
}

export const reassignWizard: Wizard = {
  name: REASSIGN_FLOW,
  // Reassign changes the user's licenses now: an administrator's (R11).
  needs: 'apply',
  userStep: 'confirm',
  // A repeated confirm shows the outcome alone.
  repeatNoteKey: null,
  steps: {
    confirm: {
      render: forUser((ctx, draft, user, notes) =>
        messageCard(ctx, {
          titleKey: 'reassign.title',
          textKey: 'reassign.confirm',
          params: { user: userName(user), license: callingLicense(ctx, user)?.name ?? '' },
          lines: notes.map((note) => note.text),
          facts: userHeader(ctx, user),
          actions: [actionOf(draft, tr(ctx, 'action.reassign'), 'confirm', 'positive'), actionOf(draft, tr(ctx, 'action.cancel'), 'cancel')],
        }),
      ),
      actions: {
        confirm: withUser(async ({ ctx, draft, user, replaceWith }) => {
          const verdict = verdictOf(ctx, user);
          if (!verdict.ok) return refuse(ctx, user, verdict);
          const license = callingLicense(ctx, user);
          const done = advance(draft, { step: 'done', status: 'done', state: { license: license?.name ?? '', user: userName(user) } });
          const stored = await commitAssignment(ctx, {
            user,
            draft,
            done,
            verdict,
            audit: { action: 'license.reassign', details: { licenseId: license?.id ?? '', removedAndAssigned: true } },
            source: 'reassign',
            // R10 in Webex too: remove the Calling license, then assign it again (with its location and number).
            orgOps: license
              ? [
                  { licenses: [{ id: license.id, operation: 'remove' }], siteUrls: [] },
                  { licenses: [{ id: license.id, operation: 'add', ...(user.calling ? { properties: user.calling } : {}) }], siteUrls: [] },
                ]
              : [],
          });
          await replaceWith(stored);
        }),
      },
    },
    done: { render: doneCard, actions: {} },
  },
};

export async function startReassign(ctx: FlowContext, query: string): Promise<void> {
  const user = query ? findOne(ctx, query) : undefined;
  if (!user) {
    if (query) return replyUserNotFound(ctx, { command: 'reassign', query, titleKey: 'reassign.title' });
    await ctx.reply.card(messageCard(ctx, { titleKey: 'reassign.title', textKey: 'reassign.usage', params: { query }, color: 'Warning' }));
    return;
  }
  const verdict = verdictOf(ctx, user);
  if (!verdict.ok) return refuse(ctx, user, verdict);
  await showStep(ctx, reassignWizard, newDraft(ctx, { flow: REASSIGN_FLOW, step: 'confirm', targetUserId: user.id, baseRev: user.rev }));
}
