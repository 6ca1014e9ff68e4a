// The sites step's card: per Meetings site none / host / attendee. Builder only.
import type { CardAction, Line, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { licenseWithSubscription, usageText, userName, type LicenseUse } from '../format.js';
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
  /** Without `host`: the site's full license (the one in the change, else the first), named in the reason. */
  full?: LicenseUse;
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

/** Why host is not offered: the full license, named with its subscription, or that the site has none. */
const hostReason = (ctx: Ctx, site: SiteView): string =>
  site.full
    ? tr(ctx, 'sites.host-full', { siteUrl: site.siteUrl, license: licenseWithSubscription(site.full.license), used: site.full.used, total: site.full.license.totalUnits })
    : tr(ctx, 'sites.host-no-license');

/** One short line for a site the user gets nothing on: what is not offered there, without the rules' advice. */
function briefLine(ctx: Ctx, site: SiteView): Line[] {
  const noAttendee = !site.attendee.allowed;
  if (!site.host && noAttendee) return [{ text: tr(ctx, 'sites.brief.nothing') }];
  if (!site.host) return [{ text: tr(ctx, site.siteHasLicense ? 'sites.brief.host-full' : 'sites.brief.host-no-license') }];
  return noAttendee ? [{ text: tr(ctx, 'sites.brief.attendee') }] : [];
}

/** One site: its choice (left out when only "none" could be chosen and is), and its reasons when they matter. */
function siteCard(ctx: Ctx, site: SiteView, userName: string) {
  const choices = [{ title: tr(ctx, 'sites.none'), value: 'none' }];
  if (site.host) choices.push({ title: tr(ctx, 'sites.host', { usage: usageText(ctx, site.host) }), value: 'host' });
  if (site.attendee.allowed) choices.push({ title: tr(ctx, 'sites.attendee'), value: 'attendee' });
  // The reasons matter where the user holds or is being given something on the site (host or attendee in the change so far).
  const matters = site.value !== 'none';
  const reasons: Line[] = [];
  if (matters && !site.host) reasons.push({ text: hostReason(ctx, site) });
  if (matters && !site.attendee.allowed) {
    reasons.push({ text: tr(ctx, site.attendee.reasonCode ?? 'sites.attendee-unavailable', { user: userName, siteUrl: site.siteUrl }) });
  }
  const id = `${SITE_INPUT_PREFIX}${site.siteUrl}`;
  const onlyNone = choices.length === 1 && site.value === 'none';
  return {
    inputs: onlyNone ? [] : [{ id, label: site.siteUrl, value: site.value, choices }],
    labels: onlyNone ? [{ text: site.siteUrl }] : [],
    reasons,
    brief: matters ? [] : briefLine(ctx, site),
  };
}

/** Step 5: per Meetings site none / host / attendee; attendee only where R6/R7 allow it. */
export function sitesCard(ctx: Ctx, view: SitesView): RenderedCard {
  const { draft } = view;
  const name = userName(view.user);
  const sites = view.sites.map((site) => siteCard(ctx, site, name));
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

