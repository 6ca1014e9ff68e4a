// `external add <email> <license name, …>`: add an external user (again, after R8's delete)
// with status active and the given licenses, checked by the rules like any change. How a
// license is typed: license-names.ts.
import { z } from 'zod';
import type { License, User } from '../../domain/index.js';
import { evaluate } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { findingText, licenseName } from '../format.js';
import { messageCard } from '../messages.js';
import { rulesContextOf } from '../org-view.js';
import { verdictCodes, auditBase } from '../audit-lines.js';
import { changeToOrg } from '../org/changes.js';
import { whereSavedLine } from '../org/notify.js';
import { tr } from '../../i18n/index.js';
import { lookUpLicenses, typedName } from './license-names.js';

const EmailSchema = z.email();
/** Choices listed at most; an org's whole catalog can be long (the rest: `usage`). */
const MAX_CHOICES = 12;

/** The `external add` command that adds the user again with the licenses they hold, by name. */
export const addAgainCommand = (ctx: Pick<FlowContext, 'store'>, user: User): string => {
  const catalog = ctx.store.licenses();
  const names = user.licenseIds.map((id) => {
    const license = ctx.store.license(id);
    return license ? typedName(license, catalog) : id;
  });
  return `external add ${user.email} ${names.join(', ')}`.trim();
};

/** A choice as the admin reads it: what to type, and where the license is (site, subscription). */
const choiceLine = (license: License, catalog: readonly License[]): string =>
  `${typedName(license, catalog)} — ${[license.siteUrl, license.subscriptionId].filter(Boolean).join(' · ')}`;

/** The licenses typed, or the answer that says which one was not clear and what could be meant. */
async function typedLicenses(ctx: FlowContext, email: string, text: string): Promise<string[] | undefined> {
  const catalog = ctx.store.licenses();
  const looked = lookUpLicenses(catalog, text);
  const problem = looked.find((l) => l.kind !== 'found');
  if (!problem) return [...new Set(looked.flatMap((l) => (l.kind === 'found' ? [l.license.id] : [])))]; // a license typed twice is added once
  const shown = problem.candidates.slice(0, MAX_CHOICES);
  const sample = shown[0] ?? catalog[0];
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'external.add.title',
      textKey: problem.kind === 'ambiguous' ? 'external.add.ambiguous-license' : 'external.add.unknown-license',
      params: { license: problem.typed.slice(0, 80) },
      color: 'Attention',
      lines: [
        ...shown.map((license) => choiceLine(license, catalog)),
        ...(problem.candidates.length > shown.length ? [tr(ctx, 'external.add.more-licenses', { count: problem.candidates.length - shown.length })] : []),
        ...(sample ? [tr(ctx, 'external.add.example', { command: `external add ${email} ${typedName(sample, catalog)}` })] : []),
      ],
    }),
  );
  return undefined;
}

export async function addExternal(ctx: FlowContext, args: string[]): Promise<void> {
  const [email = '', ...tokens] = args;
  const usage = () => ctx.reply.card(messageCard(ctx, { titleKey: 'external.add.title', textKey: 'external.add.usage', color: 'Warning' }));
  if (!EmailSchema.safeParse(email).success || tokens.length === 0) return void (await usage());

  const licenseIds = await typedLicenses(ctx, email, tokens.join(' '));
  if (!licenseIds) return;
  if (licenseIds.length === 0) return void (await usage()); // only commas
  const existing = ctx.store.userByEmail(email);
  if (existing) {
    const key = existing.status === 'pending' ? 'external.add.pending-exists' : 'external.add.exists';
    await ctx.reply.card(messageCard(ctx, { titleKey: 'external.add.title', textKey: key, params: { email: existing.email }, color: 'Warning' }));
    return;
  }
  const user: User = {
    id: ctx.newId(),
    email: email.toLowerCase(),
    displayName: email.toLowerCase(),
    type: 'external',
    status: 'active',
    siteAdminOf: [],
    licenseIds: [],
    attendeeOf: [],
    rev: 0,
  };
  const change = { addLicenseIds: licenseIds, removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [] };
  const verdict = evaluate({ ctx: rulesContextOf(ctx.store), actorRole: ctx.role, intent: 'apply', user, change, newUser: true });
  const audit = auditBase(ctx, user);
  if (!verdict.ok) {
    await ctx.store.audit([{ ...audit, action: 'license.refused', change, ...verdictCodes(verdict), details: { what: 'external add' } }]);
    await ctx.reply.card(
      messageCard(ctx, {
        titleKey: 'external.add.refused',
        textKey: 'common.nothing-changed',
        color: 'Attention',
        lines: verdict.violations.map((v) => findingText(ctx, v)),
      }),
    );
    return;
  }
  const { auditSeqs } = await ctx.store.commit({
    mutations: [
      { type: 'user.put', user: { ...user, ...verdict.result } },
      ...changeToOrg(ctx, { user, after: verdict.result, source: 'external', auditLine: 0 }),
    ],
    audit: [{ ...audit, action: 'user.add', after: verdict.result, change, ...verdictCodes(verdict) }],
  });
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'external.add.done.title',
      textKey: 'external.add.done',
      params: { email: user.email },
      color: 'Good',
      lines: [
        ...verdict.result.licenseIds.map((id) => {
          const l = ctx.store.license(id);
          return `+ ${l ? licenseName(l) : id}`;
        }),
        ...[...verdict.autoChanges, ...verdict.notices].map((f) => findingText(ctx, f)),
        whereSavedLine(ctx, { userId: user.id, auditSeq: auditSeqs[0] ?? 0 }),
      ],
    }),
  );
}
