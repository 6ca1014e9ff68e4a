// A command, typed or clicked: route the text, check the role (R11), run it. Text that is
// no command answers "Did you mean …?" with the nearest command this role may run as a
// button; the button (flow "suggest") runs its text through this same function, so a
// click is authorized exactly like the typed command, for whoever clicks.
import type { CardFlow, FlowContext } from '../flows/index.js';
import { COMMAND_FLOW, commandAction, messageCard, tr } from '../flows/index.js';
import { can } from '../rules/index.js';
import { logger } from '../logger.js';
import { noRoleCard, refuse } from './authorize.js';
import { commandWords, parseCommandText, routeCommand, shownCommand, suggestCommand } from './commands.js';

const SHOWN_TEXT = 60;

export async function runCommand(ctx: FlowContext, text: string, botNames: readonly string[] = []): Promise<void> {
  const command = parseCommandText(text, botNames);
  const routed = routeCommand(command);
  logger.info('message', { command: routed?.route.name ?? 'unknown', role: ctx.role });
  if (!can(ctx.role, 'view')) {
    // Without a role: `help` explains the desk, asking for a license works; anything else is refused (and audited).
    if (routed?.route.name === 'help') return void (await ctx.reply.card(noRoleCard(ctx)));
    if (routed && can(ctx.role, routed.route.needs)) return routed.route.handle(ctx, routed.args, command);
    return refuse(ctx, { what: routed?.route.name ?? 'message' });
  }
  if (!routed) return unknownCommand(ctx, text, suggestCommand(command, ctx.role, ctx.locale));
  const { route, args } = routed;
  if (!can(ctx.role, route.needs)) return refuse(ctx, { what: route.name, key: 'refused.admin-only', params: { what: shownCommand(route, ctx.locale) } });
  await route.handle(ctx, args, command);
}

async function unknownCommand(ctx: FlowContext, text: string, suggestion: string | undefined): Promise<void> {
  const shown = text.slice(0, SHOWN_TEXT);
  if (!suggestion) {
    await ctx.reply.card(messageCard(ctx, { titleKey: 'unknown.title', textKey: 'unknown.text', params: { text: shown }, lines: [tr(ctx, 'unknown.commands', commandWords(ctx.locale))] }));
    return;
  }
  await ctx.reply.card(
    messageCard(ctx, {
      titleKey: 'suggest.title',
      textKey: 'unknown.text',
      params: { text: shown, command: suggestion },
      lines: [tr(ctx, 'suggest.hint')],
      actions: [commandAction(suggestion.length > SHOWN_TEXT ? `${suggestion.slice(0, SHOWN_TEXT - 1)}…` : suggestion, suggestion, 'positive')],
    }),
  );
}

/** The "Did you mean …" and nearest-user buttons: the command text, run as if the clicker typed it. */
export const commandFlow: CardFlow = {
  name: COMMAND_FLOW,
  needs: 'view',
  targetOf: () => undefined,
  handle: (ctx, submit) => runCommand(ctx, (submit.inputs.get('command') ?? '').slice(0, 500)),
};
