// The result card of a saved change (edit and external flows). Builder only.
import type { Line, RenderedCard, Section } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, License, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { licenseWithSubscription, userName } from '../format.js';
import { actionOf } from '../submit.js';

type Ctx = Pick<FlowContext, 'locale'>;

export interface ResultView {
  draft: Draft;
  /** The user as they are now (undefined: deleted since). */
  user: User | undefined;
  licensesNow: readonly License[];
  /** What was saved (the review's sections without violations) and its audit line. */
  sections: Section[];
  auditSeq: number | undefined;
  /** Saved in the desk only, on its way to Webex, or applied there. */
  whereSaved: string;
  /** The "again" button goes back to the list (external users) instead of the user. */
  againKey: string;
  /** The change can be undone from this card (it has an audit line; the edit flow's cards). */
  undoable: boolean;
}

/** Step 7: what was saved, under which audit number, and the user's licenses now. */
export function resultCard(ctx: Ctx, view: ResultView): RenderedCard {
  const { draft, user } = view;
  const now: Line[] = view.licensesNow.map((l) => ({ text: licenseWithSubscription(l) }));
  if (user) user.attendeeOf.forEach((siteUrl) => now.push({ text: tr(ctx, 'overview.attendee-on', { siteUrl }) }));
  const sections: Section[] = [
    ...view.sections,
    { title: tr(ctx, 'result.licenses-now'), color: 'Default', lines: now.length > 0 ? now : [{ text: tr(ctx, 'overview.no-licenses') }] },
  ];
  const title = tr(ctx, 'result.title', { user: user ? userName(user) : '' });
  return renderCard('result', {
    fallbackText: title,
    title,
    stepLabel: tr(ctx, 'result.step'),
    intro: view.auditSeq === undefined ? tr(ctx, 'result.intro.unnumbered') : tr(ctx, 'result.intro', { seq: view.auditSeq }),
    sections,
    outcome: view.whereSaved,
    outcomeColor: 'Default',
    actions: [
      actionOf(draft, tr(ctx, view.againKey), 'again', 'positive'),
      actionOf(draft, tr(ctx, 'action.done'), 'done'),
      ...(view.undoable ? [actionOf(draft, tr(ctx, 'action.undo'), 'undo')] : []),
    ],
  });
}
