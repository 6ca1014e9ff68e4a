// `external add <email> <license…>`: add an external user (again, after R8's delete)
// with status active and the given licenses, checked by the rules like any change.
import { z } from 'zod';
import type { User } from '../../domain/index.js';
import { evaluate } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { findingText, licenseName } from '../format.js';
import { messageCard } from '../messages.js';
import { rulesContextOf } from '../org-view.js';
import { verdictCodes, auditBase } from '../audit-lines.js';
import { changeToOrg } from '../org/changes.js';
import { whereSavedLine } from '../org/notify.js';

const EmailSchema = z.email();

export async function addExternal(ctx: FlowContext, args: string[]): Promise<void> {
  const [email = '', ...tokens] = args;
  const usage = () => ctx.reply.card(messageCard(ctx, { titleKey: 'external.add.title', textKey: 'external.add.usage', color: 'Warning' }));
  if (!EmailSchema.safeParse(email).success || tokens.length === 0) return void (await usage());

  const licenseIds: string[] = [];
  for (const token of tokens) {
    const license = ctx.store.licenses().find((l) => l.id.toLowerCase() === token.toLowerCase());
    if (!license) {
      await ctx.reply.card(
        messageCard(ctx, { titleKey: 'external.add.title', textKey: 'external.add.unknown-license', params: { license: token.slice(0, 80) }, color: 'Attention' }),
      );
      return;
    }
    licenseIds.push(license.id);
  }
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
