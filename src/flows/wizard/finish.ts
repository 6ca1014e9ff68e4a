// How a reviewed change is finished, by the actor's role: admins apply it now, helpdesk
// agents file a request with a reason. A role without one sees the review with R11's message.
import type { ActorRole } from '../../domain/index.js';
import type { Intent } from '../../rules/index.js';
import { fileRequest } from '../requests/file.js';
import { applyNow } from '../apply.js';
import type { FinishChange } from './types.js';

export const FINISH: Readonly<Partial<Record<ActorRole, FinishChange>>> = { admin: applyNow, helpdesk: fileRequest };

/** The intent the review evaluates with: the role's, else "apply" so R11 explains. */
export const intentFor = (role: ActorRole): Intent => FINISH[role]?.intent ?? 'apply';
