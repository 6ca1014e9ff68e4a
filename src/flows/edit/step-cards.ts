// The wizard's step cards (user selection, overview, service choice, licenses, sites).
// Each builds plain data for a template in /cards; the card's buttons carry only the
// draft id and version.
import type { CardAction, ColoredLine, Fact, RenderedCard, ToggleInput } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, License, Service, User } from '../../domain/index.js';
import { attendeeOptions, isMigrating, meetingsLicensesOfSite } from '../../rules/index.js';
import { tr, type FlowContext } from '../context.js';
import { SERVICE_ORDER, isFull, licenseName, licensesOfUser, serviceName, usageText, userChoiceTitle, userStatusText, userTypeText } from '../format.js';
import { rulesContextOf } from '../rules-context.js';
import { actionOf } from '../submit.js';
import { PAGE_SIZE, isEmptyChange, pendingAssignment, wizardState } from './state.js';

const STEPS = 6;
const stepLabel = (ctx: FlowContext, n: number, name: string): string =>
  tr(ctx, 'wizard.step', { n, total: STEPS, name: tr(ctx, `wizard.step.${name}`) });

const back = (ctx: FlowContext, draft: Draft): CardAction => actionOf(draft, tr(ctx, 'action.back'), 'back');
const cancel = (ctx: FlowContext, draft: Draft): CardAction => actionOf(draft, tr(ctx, 'action.cancel'), 'cancel');

/** Step 1: search box and up to 25 users. Also the external users list (flow "external"). */
export function selectCard(ctx: FlowContext, draft: Draft): RenderedCard {
  const state = wizardState(draft);
  const external = draft.flow === 'external';
  const page = ctx.store.searchUsers({
    text: state.search,
    type: external ? 'external' : undefined,
    withLicensesOnly: external ? true : undefined,
    offset: state.page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const from = page.total === 0 ? 0 : state.page * PAGE_SIZE + 1;
  const to = state.page * PAGE_SIZE + page.users.length;
  const actions: CardAction[] = [];
  if (page.users.length > 0) actions.push(actionOf(draft, tr(ctx, 'action.open'), 'open', 'positive'));
  actions.push(actionOf(draft, tr(ctx, 'action.search'), 'search'));
  if (state.page > 0) actions.push(actionOf(draft, tr(ctx, 'action.previous'), 'prev'));
  if (to < page.total) actions.push(actionOf(draft, tr(ctx, 'action.next'), 'next'));
  actions.push(cancel(ctx, draft));
  const title = tr(ctx, external ? 'external.list.title' : 'select.title');
  return renderCard('user-select', {
    fallbackText: title,
    title,
    stepLabel: external ? tr(ctx, 'external.list.subtitle') : stepLabel(ctx, 1, 'select'),
    searchLabel: tr(ctx, 'select.search-label'),
    searchPlaceholder: tr(ctx, 'select.search-placeholder'),
    search: state.search,
    countText:
      page.total === 0
        ? tr(ctx, state.search ? 'select.none-matching' : 'select.none', { text: state.search })
        : tr(ctx, 'select.count', { from, to, total: page.total }),
    userLabel: tr(ctx, 'select.user-label'),
    // Nothing preselected among several: a quick Open must not open whoever sorts first.
    selected: page.users.length === 1 ? page.users[0]!.id : '',
    users: page.users.map((u) => ({ title: userChoiceTitle(ctx, u), value: u.id })),
    actions,
  });
}

/** The user's header facts: name, email, type, status, site admin roles. */
export function userHeader(ctx: FlowContext, user: User): Fact[] {
  return [
    { title: tr(ctx, 'user.email'), value: user.email },
    { title: tr(ctx, 'user.type'), value: userTypeText(ctx, user) },
    { title: tr(ctx, 'user.status'), value: userStatusText(ctx, user) },
    { title: tr(ctx, 'user.site-admin'), value: user.siteAdminOf.join(', ') || tr(ctx, 'user.site-admin.none') },
  ];
}

/** Licenses grouped by service, like Control Hub's Summary > Licenses. */
export function servicesOf(ctx: FlowContext, user: User): { name: string; lines: { text: string }[] }[] {
  const byService = new Map<Service, string[]>();
  for (const license of licensesOfUser(ctx.store, user)) {
    const lines = byService.get(license.service) ?? [];
    lines.push(`${licenseName(license)} · ${license.subscriptionId}`);
    byService.set(license.service, lines);
  }
  if (user.attendeeOf.length > 0) {
    const lines = byService.get('meetings') ?? [];
    user.attendeeOf.forEach((siteUrl) => lines.push(tr(ctx, 'overview.attendee-on', { siteUrl })));
    byService.set('meetings', lines);
  }
  return SERVICE_ORDER.filter((s) => byService.has(s)).map((s) => ({
    name: serviceName(ctx, s),
    lines: (byService.get(s) ?? []).map((text) => ({ text })),
  }));
}

/** Step 2: the user's header and current services. */
export function overviewCard(ctx: FlowContext, draft: Draft, user: User, extraNotes: ColoredLine[] = []): RenderedCard {
  const rules = rulesContextOf(ctx.store);
  const services = servicesOf(ctx, user);
  const notes: ColoredLine[] = [...extraNotes];
  if (services.length === 0) notes.push({ text: tr(ctx, 'overview.no-licenses'), color: 'Default' });
  if (isMigrating(rules, user.licenseIds)) notes.push({ text: tr(ctx, 'overview.migrating'), color: 'Accent' });
  const title = user.displayName || user.email;
  return renderCard('user-overview', {
    fallbackText: tr(ctx, 'overview.fallback', { user: title }),
    title,
    stepLabel: stepLabel(ctx, 2, 'overview'),
    header: userHeader(ctx, user),
    licensesTitle: tr(ctx, 'overview.licenses'),
    services,
    notes,
    actions: [actionOf(draft, tr(ctx, 'action.edit-licenses'), 'edit', 'positive'), back(ctx, draft), cancel(ctx, draft)],
  });
}

/** The services the wizard offers: those with licenses in the store; Unified CM sits under Calling. */
export function offeredServices(ctx: FlowContext): Service[] {
  const present = new Set(ctx.store.licenses().map((l) => l.service));
  if (present.has('ucm')) present.add('calling');
  return SERVICE_ORDER.filter((s) => s !== 'ucm' && present.has(s));
}

/** The licenses a service step shows (Calling includes Unified CM registration). */
export function licensesOfService(ctx: FlowContext, service: Service): License[] {
  return ctx.store.licenses().filter((l) => l.service === service || (service === 'calling' && l.service === 'ucm'));
}

function pendingLines(ctx: FlowContext, draft: Draft): { text: string }[] {
  const name = (id: string): string => {
    const license = ctx.store.license(id);
    return license ? licenseName(license) : id;
  };
  return [
    ...draft.change.addLicenseIds.map((id) => ({ text: `+ ${name(id)}` })),
    ...draft.change.removeLicenseIds.map((id) => ({ text: `− ${name(id)}` })),
    ...draft.change.addAttendeeSites.map((siteUrl) => ({ text: `+ ${tr(ctx, 'overview.attendee-on', { siteUrl })}` })),
    ...draft.change.removeAttendeeSites.map((siteUrl) => ({ text: `− ${tr(ctx, 'overview.attendee-on', { siteUrl })}` })),
  ];
}

/** Step 3: which service to change. */
export function serviceCard(ctx: FlowContext, draft: Draft, user: User): RenderedCard {
  const held = new Set<Service>(licensesOfUser(ctx.store, pendingAssignment(user, draft.change)).map((l) => (l.service === 'ucm' ? 'calling' : l.service)));
  const services = offeredServices(ctx).map((s) => ({
    title: `${tr(ctx, `service-choice.${s}`, { name: serviceName(ctx, s) })}${held.has(s) ? ` · ${tr(ctx, 'service-choice.assigned')}` : ''}`,
    value: s,
  }));
  const actions = [actionOf(draft, tr(ctx, 'action.choose'), 'choose', 'positive')];
  if (!isEmptyChange(draft.change)) actions.push(actionOf(draft, tr(ctx, 'action.review'), 'review'));
  actions.push(back(ctx, draft), cancel(ctx, draft));
  const title = tr(ctx, 'service.title', { user: user.displayName || user.email });
  return renderCard('service-choice', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, 3, 'service'),
    serviceLabel: tr(ctx, 'service.label'),
    selected: wizardState(draft).service ?? services[0]?.value ?? '',
    services,
    pendingTitle: tr(ctx, 'service.pending'),
    pending: pendingLines(ctx, draft),
    actions,
  });
}

export const TIER_INPUT = 'tier';
export const LICENSE_INPUT_PREFIX = 'lic.';
export const SITE_INPUT_PREFIX = 'site.';
export const NO_CALLING = 'none';

/** Step 4: the service's licenses by subscription, "used / total"; a full license is shown, not offered. */
export function licensesCard(ctx: FlowContext, draft: Draft, user: User, service: Service): RenderedCard {
  const rules = rulesContextOf(ctx.store);
  const pending = new Set(pendingAssignment(user, draft.change).licenseIds);
  const licenses = licensesOfService(ctx, service);
  const label = (l: License) => `${licenseName(l)} · ${usageText(ctx, rules, l)}`;
  const offered = (l: License) => pending.has(l.id) || user.licenseIds.includes(l.id) || !isFull(rules, l);

  const calling = licenses.filter((l) => l.service === 'calling');
  const tiers =
    service === 'calling' && calling.length > 0
      ? [
          {
            id: TIER_INPUT,
            label: tr(ctx, 'licenses.calling-tier'),
            value: calling.find((l) => pending.has(l.id))?.id ?? NO_CALLING,
            choices: [
              ...calling.filter(offered).map((l) => ({ title: `${tierLabel(ctx, l)} · ${usageText(ctx, rules, l)} · ${l.subscriptionId}`, value: l.id })),
              { title: tr(ctx, 'licenses.calling-none'), value: NO_CALLING },
            ],
          },
        ]
      : [];
  const toggled = licenses.filter((l) => !(service === 'calling' && l.service === 'calling'));
  const subscriptions = [...new Set(licenses.map((l) => l.subscriptionId))].sort();
  const groups = subscriptions
    .map((subscriptionId) => {
      const inSub = toggled.filter((l) => l.subscriptionId === subscriptionId);
      const toggles: ToggleInput[] = inSub
        .filter(offered)
        .map((l) => ({ id: `${LICENSE_INPUT_PREFIX}${l.id}`, title: label(l), value: pending.has(l.id) ? 'true' : 'false' }));
      const full = [...inSub, ...calling.filter((l) => l.subscriptionId === subscriptionId)]
        .filter((l) => !offered(l))
        .map((l) => ({ text: tr(ctx, 'licenses.full-not-offered', { license: label(l) }) }));
      const sub = ctx.store.subscriptions().find((s) => s.id === subscriptionId);
      return { title: sub?.name ? `${subscriptionId} · ${sub.name}` : subscriptionId, toggles, full };
    })
    .filter((g) => g.toggles.length + g.full.length > 0);

  // The usual next step comes first and green; "another service" keeps the choices too.
  const actions =
    service === 'meetings'
      ? [actionOf(draft, tr(ctx, 'action.next-sites'), 'apply', 'positive')]
      : [actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'), actionOf(draft, tr(ctx, 'action.apply'), 'apply')];
  actions.push(back(ctx, draft), cancel(ctx, draft));
  const title = `${user.displayName || user.email}: ${serviceName(ctx, service)}`;
  return renderCard('service-licenses', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, 4, 'licenses'),
    intro: tr(ctx, `licenses.intro.${service === 'calling' ? 'calling' : 'default'}`),
    tiers,
    groups,
    actions,
  });
}

/**
 * The intro speaks of Professional and Standard (Control Hub's tiers) while a catalog may
 * name the Standard license "Webex Calling - Basic": name the tier when the name does not.
 */
function tierLabel(ctx: FlowContext, license: License): string {
  const name = licenseName(license);
  if (!license.tier) return name;
  const tier = tr(ctx, `licenses.tier.${license.tier}`);
  return name.toLowerCase().includes(tier.toLowerCase()) ? name : `${name} (${tier})`;
}

export type SiteAccount = 'none' | 'host' | 'attendee';

/** Step 5: per Meetings site none / host / attendee; attendee only where R6/R7 allow it. */
export function sitesCard(ctx: FlowContext, draft: Draft, user: User): RenderedCard {
  const rules = rulesContextOf(ctx.store);
  const pending = pendingAssignment(user, draft.change);
  const options = attendeeOptions(rules, user);
  const name = user.displayName || user.email;
  const sites = options.map((option) => {
    const siteLicenses = meetingsLicensesOfSite(rules, option.siteUrl);
    const isHost = siteLicenses.some((l) => pending.licenseIds.includes(l.id));
    const value: SiteAccount = isHost ? 'host' : pending.attendeeOf.includes(option.siteUrl) ? 'attendee' : 'none';
    const hostLicense = siteLicenses.find((l) => user.licenseIds.includes(l.id)) ?? siteLicenses.find((l) => !isFull(rules, l));
    const choices = [{ title: tr(ctx, 'sites.none'), value: 'none' }];
    const reasons: { text: string }[] = [];
    if (hostLicense) choices.push({ title: tr(ctx, 'sites.host', { usage: usageText(ctx, rules, hostLicense) }), value: 'host' });
    else reasons.push({ text: tr(ctx, siteLicenses.length > 0 ? 'sites.host-full' : 'sites.host-no-license') });
    if (option.allowed) choices.push({ title: tr(ctx, 'sites.attendee'), value: 'attendee' });
    else reasons.push({ text: tr(ctx, option.reasonCode ?? 'sites.attendee-unavailable', { user: name, siteUrl: option.siteUrl }) });
    return { id: `${SITE_INPUT_PREFIX}${option.siteUrl}`, label: option.siteUrl, value, choices, reasons };
  });
  const title = tr(ctx, 'sites.title', { user: name });
  return renderCard('site-accounts', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, 5, 'sites'),
    intro: tr(ctx, 'sites.intro'),
    sites,
    actions: [
      actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'),
      actionOf(draft, tr(ctx, 'action.apply'), 'apply'),
      back(ctx, draft),
      cancel(ctx, draft),
    ],
  });
}
