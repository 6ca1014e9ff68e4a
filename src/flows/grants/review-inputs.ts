// The review card's "until" inputs: one per license the person chose to add.
import type { UntilInput } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import { tr } from '../../i18n/index.js';
import type { Verdict } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { dayText } from '../format.js';
import { licenseLabel } from '../org-view.js';
import { MAX_GRANT_DAYS, addDays, dayOf, grantableLicenses, presetDay, untilChoiceId, untilDateId } from './until.js';

export function untilInputs(ctx: FlowContext, draft: Draft, user: User, verdict: Verdict): UntilInput[] {
  const today = dayOf(ctx.now());
  const preset = (key: 'week' | 'month' | 'quarter') => ({ title: tr(ctx, `grant.preset.${key}`, { day: dayText(ctx, presetDay(key, today)) }), value: key });
  const choices = [{ title: tr(ctx, 'grant.preset.permanent'), value: 'permanent' }, preset('week'), preset('month'), preset('quarter')];
  return grantableLicenses(draft, user.licenseIds, verdict.result.licenseIds).map((licenseId) => ({
    choiceId: untilChoiceId(licenseId),
    label: tr(ctx, 'grant.until-label', { license: licenseLabel(ctx.store, licenseId) }),
    choices,
    dateId: untilDateId(licenseId),
    dateLabel: tr(ctx, 'grant.date-label'),
    min: addDays(today, 1),
    max: addDays(today, MAX_GRANT_DAYS),
  }));
}
