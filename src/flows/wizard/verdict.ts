// The rules' verdict on a draft's change, for the actor's role (shared by every step that asks).
import type { Draft, User } from '../../domain/index.js';
import { evaluate, type Intent, type Verdict } from '../../rules/index.js';
import type { FlowContext } from '../context.js';
import { rulesContextOf } from '../org-view.js';
import { intentFor } from './finish.js';

export function verdictFor(ctx: FlowContext, draft: Draft, user: User, intent: Intent = intentFor(ctx.role)): Verdict {
  return evaluate({ ctx: rulesContextOf(ctx.store), actorRole: ctx.role, intent, user, change: draft.change });
}
