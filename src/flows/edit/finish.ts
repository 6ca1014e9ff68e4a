// How a reviewed change is finished, chosen by the actor's role. Admins save it now.
// Seam for issue 6: a helpdesk agent's strategy ("Submit request" with a reason) goes in
// FINISH_BY_ROLE; until then helpdesk has none, the review evaluates with intent "apply",
// and the rules' R11 message is what they see.
import type { ActorRole, Draft, User } from '../../domain/index.js';
import type { Intent, Verdict } from '../../rules/index.js';
import type { FlowContext } from '../context.js';

export interface FinishChange {
  /** What the rules are asked (R11 decides per intent). */
  intent: Intent;
  /** The review's primary button: i18n key of its title and the action it sends. */
  primaryTitleKey: string;
  primaryAction: string;
  finish(ctx: FlowContext, input: { draft: Draft; user: User; verdict: Verdict }): Promise<void>;
}

export type FinishRegistry = Partial<Record<ActorRole, FinishChange>>;

const registry: FinishRegistry = {};

/** Register a strategy (the edit flow registers "apply" for admins; issue 6 adds "request"). */
export function registerFinishChange(role: ActorRole, strategy: FinishChange): void {
  registry[role] = strategy;
}

export function finishChangeFor(role: ActorRole): FinishChange | undefined {
  return registry[role];
}

/** The intent the review evaluates with: the strategy's, else "apply" so R11 explains. */
export const intentFor = (role: ActorRole): Intent => finishChangeFor(role)?.intent ?? 'apply';
