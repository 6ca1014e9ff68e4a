// How users, licenses and rule findings read on a card. One place, so every card says
// them the same way. Pure shaping: what to show is handed in (see org-view.ts).
import type { Fact } from '../cards/index.js';
import { SERVICES, licenseNameOf, licenseWithSubscriptionOf, type License, type User, type Service } from '../domain/index.js';
import type { Finding } from '../rules/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';

type Ctx = Pick<FlowContext, 'locale'>;

/** A license with its units in use; `full` when R12 would refuse a new holder. */
export interface LicenseUse {
  license: License;
  used: number;
  full: boolean;
}

export const serviceName = (ctx: Ctx, service: Service): string => tr(ctx, `service.${service}`);

export const userTypeText = (ctx: Ctx, user: User): string => tr(ctx, `user.type.${user.type}`);
export const userStatusText = (ctx: Ctx, user: User): string => tr(ctx, `user.status.${user.status}`);
/** How a user is named on a card; `fallback` (e.g. an id) when the user is gone. */
export const userName = (user: Pick<User, 'displayName' | 'email'> | undefined, fallback = ''): string =>
  user ? user.displayName || user.email : fallback;

/** "Alice Jansen · alice@acme.example · internal · active" (a choice title must stay one line). */
export const userChoiceTitle = (ctx: Ctx, user: User): string =>
  `${userName(user)} · ${user.email} · ${userTypeText(ctx, user)} · ${userStatusText(ctx, user)}`;

/** The user's header facts: email, type, status, site admin roles. */
export function userHeader(ctx: Ctx, user: User): Fact[] {
  return [
    { title: tr(ctx, 'user.email'), value: user.email },
    { title: tr(ctx, 'user.type'), value: userTypeText(ctx, user) },
    { title: tr(ctx, 'user.status'), value: userStatusText(ctx, user) },
    { title: tr(ctx, 'user.site-admin'), value: user.siteAdminOf.join(', ') || tr(ctx, 'user.site-admin.none') },
  ];
}

/** "Meeting - Webex Enterprise Edition (acme.webex.com)" */
export const licenseName = licenseNameOf;
export const licenseWithSubscription = licenseWithSubscriptionOf;

/** "3 / 5 used", with "full" when R12 would refuse a new holder. */
export const usageText = (ctx: Ctx, use: LicenseUse): string => {
  const text = tr(ctx, 'usage.used-of-total', { used: use.used, total: use.license.totalUnits });
  return use.full ? `${text} · ${tr(ctx, 'usage.full')}` : text;
};

/** The rules' message for a finding, in the person's language. */
export const findingText = (ctx: Ctx, finding: Finding): string => tr(ctx, finding.code, finding.params);

/** Order in which services appear: the domain's list is already Control Hub's (Summary > Licenses). */
export const SERVICE_ORDER: readonly Service[] = SERVICES;

/** A calendar day (YYYY-MM-DD, UTC) as people read it: "Tue 8 Dec 2026", "di 8 dec 2026". */
export const dayText = (ctx: Ctx, day: string): string =>
  new Intl.DateTimeFormat(ctx.locale === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00.000Z`));
