// What the edit wizard's cards show, gathered from the store and the rules (cards.ts only
// shapes it). Each function is one step's view of the draft and its user.
import type { ColoredLine } from '../../cards/index.js';
import type { Draft, Service, User } from '../../domain/index.js';
import { attendeeOptions, can, isMigrating, meetingsLicensesOfSite, unchangeable } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { SERVICE_ORDER, licenseName } from '../format.js';
import { licenseUse, licensesOfUser, rulesContextOf } from '../org-view.js';
import type { SavedSummary } from '../apply.js';
import type { LicensesView, OverviewView, ServiceView } from './cards.js';
import type { ResultView } from './result-card.js';
import type { SiteAccount, SitesView, SiteView } from './sites-card.js';
import { chosenService, pendingAssignment } from './state.js';
import { isEmptyChange } from '../../domain/index.js';
import { whereSavedLine } from '../org/notify.js';
import { findingText } from '../format.js';
import { stepRules } from '../wizard/step-rules.js';

/** The services the wizard offers: those with licenses in the store; Unified CM sits under Calling. */
export function offeredServices(ctx: FlowContext): Service[] {
  const present = new Set(ctx.store.licenses().map((l) => l.service));
  if (present.has('ucm')) present.add('calling');
  return SERVICE_ORDER.filter((s) => s !== 'ucm' && present.has(s));
}

/** The licenses a service step shows (Calling includes Unified CM registration). */
export function licensesOfService(ctx: FlowContext, service: Service) {
  return ctx.store.licenses().filter((l) => l.service === service || (service === 'calling' && l.service === 'ucm'));
}

export function overviewView(ctx: FlowContext, draft: Draft, user: User, notes: OverviewView['notes']): OverviewView {
  // R8 refuses any change to a pending external user: said here, before any step is taken.
  const unchangeableLines = unchangeable(user).map((v) => ({ text: findingText(ctx, v), color: 'Attention' as const }));
  return {
    draft,
    user,
    licenses: licensesOfUser(ctx.store, user),
    migrating: isMigrating(rulesContextOf(ctx.store), user.licenseIds),
    notes,
    unchangeable: unchangeableLines,
    mayDelete: can(ctx.role, 'apply'),
  };
}

export function serviceView(ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[] = []): ServiceView {
  const pendingIds = pendingAssignment(user, draft.change).licenseIds;
  const held = new Set<Service>(licensesOfUser(ctx.store, { licenseIds: pendingIds }).map((l) => (l.service === 'ucm' ? 'calling' : l.service)));
  const name = (id: string): string => {
    const license = ctx.store.license(id);
    return license ? licenseName(license) : id;
  };
  const { change } = draft;
  return {
    draft,
    user,
    offered: offeredServices(ctx),
    held,
    selected: typeof draft.state.service === 'string' ? draft.state.service : '',
    pending: [
      ...change.addLicenseIds.map((id) => ({ text: `+ ${name(id)}` })),
      ...change.removeLicenseIds.map((id) => ({ text: `− ${name(id)}` })),
      ...change.addAttendeeSites.map((siteUrl) => ({ text: `+ ${tr(ctx, 'overview.attendee-on', { siteUrl })}` })),
      ...change.removeAttendeeSites.map((siteUrl) => ({ text: `− ${tr(ctx, 'overview.attendee-on', { siteUrl })}` })),
    ],
    changed: !isEmptyChange(change),
    rules: stepRules(ctx, draft, user, notes),
  };
}

export function licensesView(ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[] = []): LicensesView {
  const rules = rulesContextOf(ctx.store);
  const service = chosenService(draft);
  return {
    draft,
    user,
    service,
    licenses: licensesOfService(ctx, service).map((l) => licenseUse(rules, l)),
    pending: new Set(pendingAssignment(user, draft.change).licenseIds),
    subscriptions: ctx.store.subscriptions(),
    rules: stepRules(ctx, draft, user, notes),
  };
}

export function sitesView(ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[] = []): SitesView {
  const rules = rulesContextOf(ctx.store);
  const pending = pendingAssignment(user, draft.change);
  const sites = attendeeOptions(rules, user).map((option): SiteView => {
    const siteLicenses = meetingsLicensesOfSite(rules, option.siteUrl).map((l) => licenseUse(rules, l));
    const isHost = siteLicenses.some((u) => pending.licenseIds.includes(u.license.id));
    const value: SiteAccount = isHost ? 'host' : pending.attendeeOf.includes(option.siteUrl) ? 'attendee' : 'none';
    const host = siteLicenses.find((u) => user.licenseIds.includes(u.license.id)) ?? siteLicenses.find((u) => !u.full);
    const full = host ? undefined : (siteLicenses.find((u) => pending.licenseIds.includes(u.license.id)) ?? siteLicenses[0]);
    return {
      siteUrl: option.siteUrl,
      value,
      ...(host ? { host } : {}),
      ...(full ? { full } : {}),
      siteHasLicense: siteLicenses.length > 0,
      attendee: { allowed: option.allowed, ...(option.reasonCode ? { reasonCode: option.reasonCode } : {}) },
    };
  });
  return { draft, user, sites, rules: stepRules(ctx, draft, user, notes) };
}

/** The finished draft's result: what its commit saved, under the audit seq the store gave it. */
export function resultView(ctx: FlowContext, draft: Draft, againKey: string): ResultView {
  const user = draft.targetUserId ? ctx.store.user(draft.targetUserId) : undefined;
  const saved = draft.state.saved as SavedSummary | undefined; // set by applyNow in the Save's commit
  const auditSeq = draft.resultAuditSeq; // set by the store in the Save's commit; never shown as #0
  const whereSaved = draft.targetUserId && auditSeq !== undefined ? whereSavedLine(ctx, { userId: draft.targetUserId, auditSeq }) : '';
  const undoable = draft.flow === 'edit' && auditSeq !== undefined && user !== undefined;
  return { draft, user, licensesNow: user ? licensesOfUser(ctx.store, user) : [], sections: saved?.sections ?? [], auditSeq, whereSaved, againKey, undoable };
}
