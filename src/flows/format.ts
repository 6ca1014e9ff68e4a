// How users, licenses and rule findings read on a card. One place, so every card says
// them the same way.
import type { License, Service, User } from '../domain/index.js';
import type { Finding } from '../rules/index.js';
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

export const usageText = (ctx: Ctx, store: StoreReader, license: License): string => {
  const used = store.usedUnits(license.id);
  const text = tr(ctx, 'usage.used-of-total', { used, total: license.totalUnits });
  return used >= license.totalUnits ? `${text} · ${tr(ctx, 'usage.full')}` : text;
};

export const isFull = (store: StoreReader, license: License): boolean => store.usedUnits(license.id) >= license.totalUnits;

/** The rules' message for a finding, in the person's language. */
export const findingText = (ctx: Ctx, finding: Finding): string => tr(ctx, finding.code, finding.params);

/** Order in which services appear (Control Hub's Summary > Licenses), then any others. */
export const SERVICE_ORDER: readonly Service[] = [
  'meetings',
  'messaging',
  'calling',
  'ucm',
  'attendantConsole',
  'cxBasic',
  'webinars',
  'other',
];

export function licensesOfUser(store: StoreReader, user: Pick<User, 'licenseIds'>): License[] {
  return user.licenseIds.map((id) => store.license(id)).filter((l): l is License => l !== undefined);
}
