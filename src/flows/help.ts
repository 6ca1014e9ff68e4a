// `help` (and the welcome card): what the bot does and every command.
import { renderCard, type RenderedCard } from '../cards/index.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';

/** Every command's help line, in the order the card lists them. */
export const HELP_ORDER = [
  'licenses',
  'external',
  'external-add',
  'find',
  'usage',
  'reassign',
  'history',
  'requests',
  'request',
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

/** The help card; `commands` are the lines to show (the welcome card shows them all). */
export function helpCard(ctx: Pick<FlowContext, 'locale'>, titleKey = 'help.title', commands: readonly HelpCommand[] = HELP_ORDER): RenderedCard {
  const title = tr(ctx, titleKey);
  return renderCard('help', {
    fallbackText: title,
    title,
    intro: tr(ctx, 'help.intro'),
    commands: commands.map((c) => ({ command: tr(ctx, `help.cmd.${c}`), description: tr(ctx, `help.desc.${c}`) })),
    footer: tr(ctx, 'help.footer'),
  });
}

export async function showHelp(ctx: FlowContext, commands: readonly HelpCommand[] = HELP_ORDER): Promise<void> {
  await ctx.reply.card(helpCard(ctx, 'help.title', commands));
}
