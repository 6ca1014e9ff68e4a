// The sites step's card: per Meetings site none / host / attendee. Builder only.
import type { CardAction, Line, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { usageText, userName, type LicenseUse } from '../format.js';
import { actionOf } from '../submit.js';
import { backAction, cancelAction, stepLabel, withWaysOut } from '../wizard/cards.js';
import type { StepRules } from '../wizard/step-rules.js';
import { SITE_INPUT_PREFIX } from './cards.js';

type Ctx = Pick<FlowContext, 'locale'>;

export type SiteAccount = 'none' | 'host' | 'attendee';

/** One Meetings site on the sites step: what the user has there, and what may be chosen. */
export interface SiteView {
  siteUrl: string;
  value: SiteAccount;
  /** The site's Meetings license a host would use; undefined when none has a free unit or the site has none. */
  host?: LicenseUse;
  siteHasLicense: boolean;
  /** R6/R7: whether attendee may be chosen, else the rule's code. */
  attendee: { allowed: boolean; reasonCode?: string };
}

export interface SitesView {
  draft: Draft;
  user: User;
  sites: readonly SiteView[];
  rules: StepRules;
}

/** Step 5: per Meetings site none / host / attendee; attendee only where R6/R7 allow it. */
export function sitesCard(ctx: Ctx, view: SitesView): RenderedCard {
  const { draft } = view;
  const name = userName(view.user);
  const sites = view.sites.map((site) => {
    const choices = [{ title: tr(ctx, 'sites.none'), value: 'none' }];
    const reasons: Line[] = [];
    if (site.host) choices.push({ title: tr(ctx, 'sites.host', { usage: usageText(ctx, site.host) }), value: 'host' });
    else reasons.push({ text: tr(ctx, site.siteHasLicense ? 'sites.host-full' : 'sites.host-no-license') });
    if (site.attendee.allowed) choices.push({ title: tr(ctx, 'sites.attendee'), value: 'attendee' });
    else reasons.push({ text: tr(ctx, site.attendee.reasonCode ?? 'sites.attendee-unavailable', { user: name, siteUrl: site.siteUrl }) });
    return { id: `${SITE_INPUT_PREFIX}${site.siteUrl}`, label: site.siteUrl, value: site.value, choices, reasons };
  });
  const title = tr(ctx, 'sites.title', { user: name });
  // While the rules refuse the change, "Apply and review" gives way to their ways out.
  const actions: CardAction[] = view.rules.blocked ? [] : [actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive')];
  actions.push(actionOf(draft, tr(ctx, 'action.apply'), 'apply'), backAction(ctx, draft), cancelAction(ctx, draft));
  return renderCard('site-accounts', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'sites'),
    intro: tr(ctx, 'sites.intro'),
    notes: view.rules.lines,
    sites,
    actions: withWaysOut(view.rules.waysOut, actions),
  });
}

