// The licenses and sites steps' inputs turned into the draft's change. Every input must be
// one the step offered; the rules module plans the per-site account type.
import type { Draft, User } from '../../domain/index.js';
import { planSiteAccount } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { InputError } from '../errors.js';
import { rulesContextOf } from '../org-view.js';
import { choiceInput, toggleInputs, type Submit } from '../submit.js';
import { LICENSE_INPUT_PREFIX, NO_CALLING, SITE_INPUT_PREFIX, TIER_INPUT } from './cards.js';
import { chosenService, withLicense } from './state.js';
import { licensesOfService } from './views.js';

/** The chosen service's toggles (and, for Calling, the one tier) applied to the change. */
export function applyLicenseInputs(ctx: FlowContext, draft: Draft, user: User, submit: Submit): Draft {
  const service = chosenService(draft);
  const licenses = licensesOfService(ctx, service);
  let change = draft.change;
  if (service === 'calling') {
    const calling = licenses.filter((l) => l.service === 'calling').map((l) => l.id);
    if (calling.length > 0) {
      const tier = choiceInput(submit, TIER_INPUT, [...calling, NO_CALLING]);
      for (const id of calling) change = withLicense(change, user, id, id === tier);
    }
  }
  const toggleable = licenses.filter((l) => !(service === 'calling' && l.service === 'calling')).map((l) => l.id);
  for (const [id, on] of toggleInputs(submit, LICENSE_INPUT_PREFIX, toggleable)) change = withLicense(change, user, id, on);
  return { ...draft, change };
}

/** Each Meetings site's none / host / attendee, planned by the rules into the change. */
export function applySiteInputs(ctx: FlowContext, draft: Draft, user: User, submit: Submit): Draft {
  const rules = rulesContextOf(ctx.store);
  let change = draft.change;
  for (const [key, value] of submit.inputs) {
    if (!key.startsWith(SITE_INPUT_PREFIX)) continue;
    const siteUrl = key.slice(SITE_INPUT_PREFIX.length);
    if (!ctx.store.site(siteUrl)) throw new InputError('error.input-not-offered', { field: key.slice(0, 80), value: value.slice(0, 20) });
    const type = choiceInput(submit, key, ['none', 'host', 'attendee'] as const);
    change = planSiteAccount({ ctx: rules, user, change, siteUrl, type });
  }
  return { ...draft, change };
}
