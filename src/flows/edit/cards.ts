// The edit wizard's own step cards: overview, service choice, licenses, sites, result.
// Builders only: views.ts gathers what they show from the store and the rules.
import type { CardAction, ColoredLine, Line, RenderedCard, Section, ToggleInput } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, License, Location, Service, Subscription, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { SERVICE_ORDER, licenseName, licenseWithSubscription, serviceName, usageText, userHeader, userName, type LicenseUse } from '../format.js';
import { actionOf } from '../submit.js';
import { backAction, cancelAction, stepLabel } from '../wizard/cards.js';

type Ctx = Pick<FlowContext, 'locale'>;

export const TIER_INPUT = 'tier';
export const LICENSE_INPUT_PREFIX = 'lic.';
export const SITE_INPUT_PREFIX = 'site.';
export const NO_CALLING = 'none';

/** Licenses grouped by service, like Control Hub's Summary > Licenses. */
export function servicesOf(ctx: Ctx, licenses: readonly License[], attendeeOf: readonly string[]): { name: string; lines: Line[] }[] {
  const byService = new Map<Service, string[]>();
  for (const license of licenses) {
    const lines = byService.get(license.service) ?? [];
    lines.push(licenseWithSubscription(license));
    byService.set(license.service, lines);
  }
  if (attendeeOf.length > 0) {
    const lines = byService.get('meetings') ?? [];
    attendeeOf.forEach((siteUrl) => lines.push(tr(ctx, 'overview.attendee-on', { siteUrl })));
    byService.set('meetings', lines);
  }
  return SERVICE_ORDER.filter((s) => byService.has(s)).map((s) => ({ name: serviceName(ctx, s), lines: (byService.get(s) ?? []).map((text) => ({ text })) }));
}

export interface OverviewView {
  draft: Draft;
  user: User;
  licenses: readonly License[];
  /** R2: Webex Calling and Unified CM at once. */
  migrating: boolean;
  notes: ColoredLine[];
}

/** Step 2: the user's header and current services. */
export function overviewCard(ctx: Ctx, view: OverviewView): RenderedCard {
  const { draft, user } = view;
  const services = servicesOf(ctx, view.licenses, user.attendeeOf);
  const notes: ColoredLine[] = [...view.notes];
  if (services.length === 0) notes.push({ text: tr(ctx, 'overview.no-licenses'), color: 'Default' });
  if (view.migrating) notes.push({ text: tr(ctx, 'overview.migrating'), color: 'Accent' });
  const title = userName(user);
  return renderCard('user-overview', {
    fallbackText: tr(ctx, 'overview.fallback', { user: title }),
    title,
    stepLabel: stepLabel(ctx, view.draft, 'overview'),
    header: userHeader(ctx, user),
    licensesTitle: tr(ctx, 'overview.licenses'),
    services,
    notes,
    actions: [actionOf(draft, tr(ctx, 'action.edit-licenses'), 'edit', 'positive'), backAction(ctx, draft), cancelAction(ctx, draft)],
  });
}

export interface ServiceView {
  draft: Draft;
  user: User;
  offered: readonly Service[];
  /** Services the user holds with the change so far (Unified CM counts as Calling). */
  held: ReadonlySet<Service>;
  selected: string;
  /** "+ name" / "− name" lines of the change so far. */
  pending: Line[];
  changed: boolean;
}

/** Step 3: which service to change. */
export function serviceCard(ctx: Ctx, view: ServiceView): RenderedCard {
  const { draft } = view;
  const services = view.offered.map((s) => ({
    title: `${tr(ctx, `service-choice.${s}`, { name: serviceName(ctx, s) })}${view.held.has(s) ? ` · ${tr(ctx, 'service-choice.assigned')}` : ''}`,
    value: s,
  }));
  const actions = [actionOf(draft, tr(ctx, 'action.choose'), 'choose', 'positive')];
  if (view.changed) actions.push(actionOf(draft, tr(ctx, 'action.review'), 'review'));
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = tr(ctx, 'service.title', { user: userName(view.user) });
  return renderCard('service-choice', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'service'),
    serviceLabel: tr(ctx, 'service.label'),
    selected: view.selected || (services[0]?.value ?? ''),
    services,
    pendingTitle: tr(ctx, 'service.pending'),
    pending: view.pending,
    actions,
  });
}

export interface LicensesView {
  draft: Draft;
  user: User;
  service: Service;
  /** The service's licenses with their use (Calling includes Unified CM registration). */
  licenses: readonly LicenseUse[];
  /** License ids the user holds with the change so far. */
  pending: ReadonlySet<string>;
  subscriptions: readonly Subscription[];
}

/**
 * The intro speaks of Professional and Standard (Control Hub's tiers) while a catalog may
 * name the Standard license "Webex Calling - Basic": name the tier when the name does not.
 */
function tierLabel(ctx: Ctx, license: License): string {
  const name = licenseName(license);
  if (!license.tier) return name;
  const tier = tr(ctx, `licenses.tier.${license.tier}`);
  return name.toLowerCase().includes(tier.toLowerCase()) ? name : `${name} (${tier})`;
}

/** Step 4: the service's licenses by subscription, "used / total"; a full license is shown, not offered. */
export function licensesCard(ctx: Ctx, view: LicensesView): RenderedCard {
  const { draft, user, service, pending } = view;
  const label = (u: LicenseUse) => `${licenseName(u.license)} · ${usageText(ctx, u)}`;
  const offered = (u: LicenseUse) => pending.has(u.license.id) || user.licenseIds.includes(u.license.id) || !u.full;
  const calling = view.licenses.filter((u) => u.license.service === 'calling');
  const tiers =
    service === 'calling' && calling.length > 0
      ? [
          {
            id: TIER_INPUT,
            label: tr(ctx, 'licenses.calling-tier'),
            value: calling.find((u) => pending.has(u.license.id))?.license.id ?? NO_CALLING,
            choices: [
              ...calling.filter(offered).map((u) => ({ title: `${tierLabel(ctx, u.license)} · ${usageText(ctx, u)} · ${u.license.subscriptionId}`, value: u.license.id })),
              { title: tr(ctx, 'licenses.calling-none'), value: NO_CALLING },
            ],
          },
        ]
      : [];
  const toggled = view.licenses.filter((u) => !(service === 'calling' && u.license.service === 'calling'));
  const subscriptionIds = [...new Set(view.licenses.map((u) => u.license.subscriptionId))].sort();
  const groups = subscriptionIds
    .map((subscriptionId) => {
      const inSub = toggled.filter((u) => u.license.subscriptionId === subscriptionId);
      const toggles: ToggleInput[] = inSub
        .filter(offered)
        .map((u) => ({ id: `${LICENSE_INPUT_PREFIX}${u.license.id}`, title: label(u), value: pending.has(u.license.id) ? 'true' : 'false' }));
      const full = [...inSub, ...calling.filter((u) => u.license.subscriptionId === subscriptionId)]
        .filter((u) => !offered(u))
        .map((u) => ({ text: tr(ctx, 'licenses.full-not-offered', { license: label(u) }) }));
      const sub = view.subscriptions.find((s) => s.id === subscriptionId);
      return { title: sub?.name ? `${subscriptionId} · ${sub.name}` : subscriptionId, toggles, full };
    })
    .filter((g) => g.toggles.length + g.full.length > 0);

  // The usual next step comes first and green; "another service" keeps the choices too.
  const actions: CardAction[] =
    service === 'meetings'
      ? [actionOf(draft, tr(ctx, 'action.next-sites'), 'apply', 'positive')]
      : [actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'), actionOf(draft, tr(ctx, 'action.apply'), 'apply')];
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = `${userName(user)}: ${serviceName(ctx, service)}`;
  return renderCard('service-licenses', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'licenses'),
    intro: tr(ctx, `licenses.intro.${service === 'calling' ? 'calling' : 'default'}`),
    tiers,
    groups,
    actions,
  });
}

export const CALLING_LOCATION_INPUT = 'calling.location';
export const CALLING_EXTENSION_INPUT = 'calling.extension';
export const CALLING_NUMBER_INPUT = 'calling.number';
export const NO_NUMBER = 'none';

export interface CallingView {
  draft: Draft;
  user: User;
  /** The Calling license the properties are for. */
  license: string;
  locations: readonly Location[];
  /** What the form shows: the values given so far ('' = none yet). */
  locationId: string;
  extension: string;
  phoneNumber: string;
  /** The chosen location's free numbers, when the org connection listed them. */
  numbers?: { locationName: string; free: readonly string[] };
  /** The org connection can list a location's free numbers. */
  canListNumbers: boolean;
  notes: ColoredLine[];
}

/** Step 4b: the Calling license's location, extension and number (Webex refuses one without, 400411). */
export function callingCard(ctx: Ctx, view: CallingView): RenderedCard {
  const { draft, numbers } = view;
  const free = numbers ? [...new Set([...(view.phoneNumber ? [view.phoneNumber] : []), ...numbers.free])] : [];
  const actions = [actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'), actionOf(draft, tr(ctx, 'action.apply'), 'apply')];
  if (view.canListNumbers) actions.push(actionOf(draft, tr(ctx, 'action.calling-numbers'), 'numbers'));
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = tr(ctx, 'calling.title', { user: userName(view.user) });
  const label = tr(ctx, 'calling.number');
  return renderCard('calling-properties', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'calling'),
    intro: tr(ctx, view.canListNumbers && !numbers ? 'calling.intro.numbers' : 'calling.intro', { license: view.license }),
    notes: view.notes,
    location: { id: CALLING_LOCATION_INPUT, label: tr(ctx, 'calling.location'), value: view.locationId, choices: view.locations.map((l) => ({ title: l.name, value: l.id })) },
    extension: { id: CALLING_EXTENSION_INPUT, label: tr(ctx, 'calling.extension'), placeholder: tr(ctx, 'calling.extension-placeholder'), value: view.extension },
    numberChoices: numbers
      ? [{ id: CALLING_NUMBER_INPUT, label: tr(ctx, 'calling.number-of', { location: numbers.locationName }), value: view.phoneNumber || NO_NUMBER, choices: [{ title: tr(ctx, 'calling.no-number'), value: NO_NUMBER }, ...free.map((n) => ({ title: n, value: n }))] }]
      : [],
    numberTexts: numbers ? [] : [{ id: CALLING_NUMBER_INPUT, label, placeholder: tr(ctx, 'calling.number-placeholder'), value: view.phoneNumber }],
    actions,
  });
}

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

/** Step 5: per Meetings site none / host / attendee; attendee only where R6/R7 allow it. */
export function sitesCard(ctx: Ctx, view: { draft: Draft; user: User; sites: readonly SiteView[] }): RenderedCard {
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
  return renderCard('site-accounts', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'sites'),
    intro: tr(ctx, 'sites.intro'),
    sites,
    actions: [
      actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'),
      actionOf(draft, tr(ctx, 'action.apply'), 'apply'),
      backAction(ctx, draft),
      cancelAction(ctx, draft),
    ],
  });
}

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
    actions: [actionOf(draft, tr(ctx, view.againKey), 'again', 'positive'), actionOf(draft, tr(ctx, 'action.done'), 'done')],
  });
}
