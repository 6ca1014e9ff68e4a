// How a reviewed change is finished, chosen by the actor's role. Admins save it now
// (edit/save.ts); helpdesk agents file a request with a reason (requests/file.ts). A role
// without a strategy sees the review with the rules' R11 message.
import type { TextInput } from '../../cards/index.js';
import type { ActorRole, Draft, User } from '../../domain/index.js';
import type { Intent, Verdict } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import type { Submit } from '../submit.js';

export interface FinishChange {
  /** What the rules are asked (R11 decides per intent). */
  intent: Intent;
  /** The review's primary button: i18n key of its title and the action it sends. */
  primaryTitleKey: string;
  primaryAction: string;
  /** Review texts when they differ from Save's (i18n keys). */
  reviewIntroKey?: string;
  readyKey?: string;
  /** Inputs the review asks for (a request's reason); checked again by finish. */
  inputs?(ctx: FlowContext): TextInput[];
  finish(ctx: FlowContext, input: { draft: Draft; user: User; verdict: Verdict; submit: Submit }): Promise<void>;
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
