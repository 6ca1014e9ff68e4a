// How users, licenses and rule findings read on a card. One place, so every card says
// them the same way.
import { SERVICES, type License, type User, type Service } from '../domain/index.js';
import { freeUnits, type Finding, type RulesContext } from '../rules/index.js';
import type { StoreReader } from '../store/index.js';
import { tr, type FlowContext } from './context.js';

type Ctx = Pick<FlowContext, 'locale'>;

export const serviceName = (ctx: Ctx, service: Service): string => tr(ctx, `service.${service}`);

export const userTypeText = (ctx: Ctx, user: User): string => tr(ctx, `user.type.${user.type}`);
export const userStatusText = (ctx: Ctx, user: User): string => tr(ctx, `user.status.${user.status}`);

/** "Alice Jansen · alice@acme.example · internal · active" (a choice title must stay one line). */
export const userChoiceTitle = (ctx: Ctx, user: User): string =>
  `${user.displayName || user.email} · ${user.email} · ${userTypeText(ctx, user)} · ${userStatusText(ctx, user)}`;

/** "Meeting - Webex Enterprise Edition (acme.webex.com)" */
export const licenseName = (license: License): string =>
  license.siteUrl ? `${license.name} (${license.siteUrl})` : license.name;

/** R12 decides: a license without a free unit is full (shown, not offered to a new holder). */
export const isFull = (rules: RulesContext, license: License): boolean => freeUnits(rules, license) === 0;

/** "3 / 5 used", with "full" when R12 would refuse a new holder. */
export const usageText = (ctx: Ctx, rules: RulesContext, license: License): string => {
  const text = tr(ctx, 'usage.used-of-total', { used: rules.usedUnits(license.id), total: license.totalUnits });
  return isFull(rules, license) ? `${text} · ${tr(ctx, 'usage.full')}` : text;
};

/** The rules' message for a finding, in the person's language. */
export const findingText = (ctx: Ctx, finding: Finding): string => tr(ctx, finding.code, finding.params);

/** Order in which services appear: the domain's list is already Control Hub's (Summary > Licenses). */
export const SERVICE_ORDER: readonly Service[] = SERVICES;

export function licensesOfUser(store: StoreReader, user: Pick<User, 'licenseIds'>): License[] {
  return user.licenseIds.map((id) => store.license(id)).filter((l): l is License => l !== undefined);
}
