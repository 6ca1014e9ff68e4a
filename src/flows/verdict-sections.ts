// The rules' verdict as card sections: added, removed, automatic changes, account types,
// notices, and the violations that block saving. Shared by the review step and the
// approval card. verdictView gathers what the sections show; verdictSections only shapes it.
import type { Line, Section } from '../cards/index.js';
import { CODES, can, meetingsLicensesOfSite, type Finding, type Verdict } from '../rules/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';
import { findingText } from './format.js';
import { licenseLabel, rulesContextOf } from './org-view.js';

type Ctx = Pick<FlowContext, 'locale'>;
export type AccountType = 'none' | 'host' | 'attendee';

export interface VerdictView {
  verdict: Verdict;
  /** The label of every license the verdict names. */
  labels: ReadonlyMap<string, string>;
  /** R5 asked for an account type on these Meetings sites: what the change leaves there. */
  accountTypes: { siteUrl: string; type: AccountType }[];
  /** R10's hint names `reassign`, an admin command; others are told to ask an administrator. */
  mayReassign: boolean;
  /** The Calling license's new location and number; null: they go (no Calling license left); absent: unchanged. */
  calling?: { location: string; extension: string; phoneNumber: string } | null;
}

export function verdictView(ctx: FlowContext, verdict: Verdict): VerdictView {
  const rules = rulesContextOf(ctx.store);
  const ids = [...verdict.diff.addedLicenseIds, ...verdict.diff.removedLicenseIds];
  const accountTypes = verdict.notices
    .filter((f) => f.code === CODES.r5ChooseAccountType)
    .map((f) => String(f.params.siteUrl))
    .map((siteUrl) => {
      const host = meetingsLicensesOfSite(rules, siteUrl).some((l) => verdict.result.licenseIds.includes(l.id));
      const type: AccountType = host ? 'host' : verdict.result.attendeeOf.includes(siteUrl) ? 'attendee' : 'none';
      return { siteUrl, type };
    });
  const { calling } = verdict;
  const location = calling ? (ctx.store.locations().find((l) => l.id === calling.locationId)?.name ?? calling.locationId) : '';
  return {
    verdict,
    labels: new Map(ids.map((id) => [id, licenseLabel(ctx.store, id)])),
    accountTypes,
    mayReassign: can(ctx.role, 'apply'),
    ...(calling === undefined ? {} : { calling: calling && { location, extension: calling.extension ?? '', phoneNumber: calling.phoneNumber ?? '' } }),
  };
}

function noticeText(ctx: Ctx, view: VerdictView, finding: Finding): string {
  if (finding.code === CODES.r10CallingSettingsHint && !view.mayReassign) return tr(ctx, 'review.r10-ask-admin', finding.params);
  return findingText(ctx, finding);
}

function callingLines(ctx: Ctx, { calling }: VerdictView): Line[] {
  if (calling === undefined) return [];
  if (calling === null) return [{ text: tr(ctx, 'review.calling-dropped') }];
  const none = tr(ctx, 'review.calling-none');
  return [{ text: tr(ctx, 'review.calling-line', { location: calling.location, extension: calling.extension || none, number: calling.phoneNumber || none }) }];
}

/**
 * R5 asks for an account type on every Meetings site. The wizard's sites step has already
 * asked, so the review states the outcome once per site instead of repeating the question.
 */
export function verdictSections(ctx: Ctx, view: VerdictView): Section[] {
  const { verdict } = view;
  const label = (id: string) => view.labels.get(id) ?? id;
  const attendee = (siteUrl: string) => tr(ctx, 'overview.attendee-on', { siteUrl });
  const added = [...verdict.diff.addedLicenseIds.map(label), ...verdict.diff.addedAttendeeSites.map(attendee)];
  const removed = [...verdict.diff.removedLicenseIds.map(label), ...verdict.diff.removedAttendeeSites.map(attendee)];
  const sections: Section[] = [
    { title: tr(ctx, 'review.added'), color: 'Good', lines: added.map((text) => ({ text: `+ ${text}` })) },
    { title: tr(ctx, 'review.removed'), color: 'Default', lines: removed.map((text) => ({ text: `− ${text}` })) },
    { title: tr(ctx, 'review.calling'), color: 'Default', lines: callingLines(ctx, view) },
    { title: tr(ctx, 'review.automatic'), color: 'Accent', lines: verdict.autoChanges.map((f) => ({ text: findingText(ctx, f) })) },
    {
      title: tr(ctx, 'review.account-types'),
      color: 'Default',
      lines: view.accountTypes.map(({ siteUrl, type }) => ({ text: tr(ctx, 'review.account-type', { siteUrl, type: tr(ctx, `review.account-type.${type}`) }) })),
    },
    {
      title: tr(ctx, 'review.notices'),
      color: 'Default',
      // A hint next to a refusal that makes it moot only distracts: notices show once nothing blocks.
      lines: verdict.ok ? verdict.notices.filter((f) => f.code !== CODES.r5ChooseAccountType).map((f) => ({ text: noticeText(ctx, view, f) })) : [],
    },
    { title: tr(ctx, 'review.violations'), color: 'Attention', lines: verdict.violations.map((f) => ({ text: findingText(ctx, f) })) },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

export const hasDifference = (v: Verdict): boolean =>
  v.diff.addedLicenseIds.length + v.diff.removedLicenseIds.length + v.diff.addedAttendeeSites.length + v.diff.removedAttendeeSites.length > 0;
