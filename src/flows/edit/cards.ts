// The edit wizard's own step cards: overview, service choice, licenses (calling, sites and
// result cards sit beside this file).
// Builders only: views.ts gathers what they show from the store and the rules.
import type { CardAction, ColoredLine, Line, RenderedCard, ToggleInput } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, License, Service, Subscription, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { SERVICE_ORDER, licenseName, licenseWithSubscription, serviceName, usageText, userHeader, userName, type LicenseUse } from '../format.js';
import { actionOf, commandAction } from '../submit.js';
import { backAction, cancelAction, stepLabel, withWaysOut } from '../wizard/cards.js';
import type { StepRules } from '../wizard/step-rules.js';

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
  /** Why no change can be saved at all (R8); then the card offers no Edit. */
  unchangeable: ColoredLine[];
  /** The actor may delete a user (R8's way: delete and add again). */
  mayDelete: boolean;
}

/** Step 2: the user's header and current services. */
export function overviewCard(ctx: Ctx, view: OverviewView): RenderedCard {
  const { draft, user } = view;
  const services = servicesOf(ctx, view.licenses, user.attendeeOf);
  const notes: ColoredLine[] = [...view.notes];
  if (services.length === 0) notes.push({ text: tr(ctx, 'overview.no-licenses'), color: 'Default' });
  if (view.migrating) notes.push({ text: tr(ctx, 'overview.migrating'), color: 'Accent' });
  notes.push(...view.unchangeable);
  const first =
    view.unchangeable.length === 0
      ? [actionOf(draft, tr(ctx, 'action.edit-licenses'), 'edit', 'positive')]
      : view.mayDelete
        ? [commandAction(tr(ctx, 'overview.pending-unchangeable'), `external ${user.email}`, 'destructive')]
        : [];
  const title = userName(user);
  return renderCard('user-overview', {
    fallbackText: tr(ctx, 'overview.fallback', { user: title }),
    title,
    stepLabel: stepLabel(ctx, view.draft, 'overview'),
    header: userHeader(ctx, user),
    licensesTitle: tr(ctx, 'overview.licenses'),
    services,
    notes,
    actions: [...first, backAction(ctx, draft), cancelAction(ctx, draft)],
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
  rules: StepRules;
}

/** Step 3: which service to change. */
export function serviceCard(ctx: Ctx, view: ServiceView): RenderedCard {
  const { draft } = view;
  const services = view.offered.map((s) => ({
    title: `${tr(ctx, `service-choice.${s}`, { name: serviceName(ctx, s) })}${view.held.has(s) ? ` · ${tr(ctx, 'service-choice.assigned')}` : ''}`,
    value: s,
  }));
  const actions = [actionOf(draft, tr(ctx, 'action.choose'), 'choose', 'positive')];
  // A review the rules would refuse is one click too many: the ways out take its place.
  if (view.changed && !view.rules.blocked) actions.push(actionOf(draft, tr(ctx, 'action.review'), 'review'));
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = tr(ctx, 'service.title', { user: userName(view.user) });
  return renderCard('service-choice', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'service'),
    notes: view.rules.lines,
    serviceLabel: tr(ctx, 'service.label'),
    selected: view.selected || (services[0]?.value ?? ''),
    services,
    pendingTitle: tr(ctx, 'service.pending'),
    pending: view.pending,
    actions: withWaysOut(view.rules.waysOut, actions),
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
  rules: StepRules;
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
  // While the rules refuse the change, "Apply and review" gives way to their ways out.
  const { blocked } = view.rules;
  const actions: CardAction[] =
    service === 'meetings'
      ? [actionOf(draft, tr(ctx, 'action.next-sites'), 'apply', 'positive')]
      : blocked
        ? [actionOf(draft, tr(ctx, 'action.apply'), 'apply')]
        : [actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'), actionOf(draft, tr(ctx, 'action.apply'), 'apply')];
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = `${userName(user)}: ${serviceName(ctx, service)}`;
  return renderCard('service-licenses', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'licenses'),
    notes: view.rules.lines,
    intro: tr(ctx, `licenses.intro.${service === 'calling' ? 'calling' : 'default'}`),
    tiers,
    groups,
    actions: withWaysOut(view.rules.waysOut, actions),
  });
}
