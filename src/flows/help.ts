// `help` (and the welcome card): what the bot does and every command.
import { renderCard, type RenderedCard } from '../cards/index.js';
import { tr, type FlowContext } from './context.js';

export const COMMANDS = [
  'licenses',
  'external',
  'external-add',
  'find',
  'usage',
  'reassign',
  'history',
  'requests',
  'roles',
  'role-add',
  'role-remove',
  'audit-verify',
  'export',
  'language',
  'help',
] as const;

export function helpCard(ctx: Pick<FlowContext, 'locale'>, titleKey = 'help.title'): RenderedCard {
  const title = tr(ctx, titleKey);
  return renderCard('help', {
    fallbackText: title,
    title,
    intro: tr(ctx, 'help.intro'),
    commands: COMMANDS.map((c) => ({ command: tr(ctx, `help.cmd.${c}`), description: tr(ctx, `help.desc.${c}`) })),
    footer: tr(ctx, 'help.footer'),
  });
}

export async function showHelp(ctx: FlowContext): Promise<void> {
  await ctx.reply.card(helpCard(ctx));
}
