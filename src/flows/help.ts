// `help` (and the welcome card): what the bot does and every command.
import { renderCard, type RenderedCard } from '../cards/index.js';
import type { FlowContext } from './context.js';
import { hasKey, tr } from '../i18n/index.js';

/** Every command's help line, in the order the card lists them. */
export const HELP_ORDER = [
  'licenses',
  'external',
  'external-add',
  'find',
  'usage',
  'reclaim',
  'reassign',
  'undo',
  'grants',
  'history',
  'requests',
  'queue',
  'request',
  'ask',
  'my-requests',
  'roles',
  'role-add',
  'role-remove',
  'audit-verify',
  'export',
  'sync',
  'pending',
  'language',
  'help',
] as const;
export type HelpCommand = (typeof HELP_ORDER)[number];

/** One line of the help card: which command, and the command word(s) shown in the reader's language. */
export interface HelpLine {
  help: HelpCommand;
  /** Fills `{command}` in help.cmd.<help> (e.g. "licenties" in Dutch, "licenses" in English). */
  command: string;
}

/**
 * Whom a help card speaks to: an administrator (every command, "edit"), a helpdesk agent
 * (look up and "request"), or everyone in a space (the welcome card: the general commands,
 * without role-specific power).
 */
export type HelpAudience = 'admin' | 'helpdesk' | 'everyone';

export const audienceOf = (role: FlowContext['role']): HelpAudience => (role === 'admin' || role === 'helpdesk' ? role : 'everyone');

/** A text for the audience when it has its own (`<key>.<audience>`), else the common one. */
const forAudience = (ctx: Pick<FlowContext, 'locale'>, key: string, audience: HelpAudience): string =>
  tr(ctx, hasKey(ctx.locale, `${key}.${audience}`) ? `${key}.${audience}` : key);

/** The help card; `commands` are the lines to show (the bot's command table names their words), in the words of the audience. */
export function helpCard(ctx: Pick<FlowContext, 'locale'>, titleKey: string, commands: readonly HelpLine[], audience: HelpAudience = 'admin'): RenderedCard {
  const title = tr(ctx, titleKey);
  return renderCard('help', {
    fallbackText: title,
    title,
    intro: forAudience(ctx, 'help.intro', audience),
    commands: commands.map((c) => ({ command: tr(ctx, `help.cmd.${c.help}`, { command: c.command }), description: forAudience(ctx, `help.desc.${c.help}`, audience) })),
    footer: forAudience(ctx, 'help.footer', audience),
  });
}

/** `help`: the commands the person's role may run (the caller filters them), in their role's words. */
export async function showHelp(ctx: FlowContext, commands: readonly HelpLine[]): Promise<void> {
  await ctx.reply.card(helpCard(ctx, 'help.title', commands, audienceOf(ctx.role)));
}
