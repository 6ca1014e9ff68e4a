// R11: only an administrator with full privileges edits licenses. Helpdesk agents may
// look things up and file requests that an admin approves; everyone else is refused.
// `can` is the one place that says what a role may do: the command router, the card-action
// router, the flows and the cards (which buttons to show) all ask it.
import type { ActorRole } from '../domain/index.js';
import { CODES } from './codes.js';
import { userLabel } from './helpers.js';
import type { Rule } from './state.js';

/**
 * What an actor may do: "ask" for a license for themselves (anyone in the org; the flow
 * checks that the person is a user of the org and acts only on their own asks); "view"
 * users, licenses and history; "request" a change for an admin to approve (and handle the
 * helpdesk queue); "apply" a change now, and everything else an administrator does
 * (decide requests, reassign, delete users, roles, export, audit).
 */
export type Capability = 'ask' | 'view' | 'request' | 'apply';

const GRANTS: Readonly<Record<ActorRole, readonly Capability[]>> = {
  admin: ['ask', 'view', 'request', 'apply'],
  helpdesk: ['ask', 'view', 'request'],
  none: ['ask'],
};

/** R11: may this role do that? */
export const can = (role: ActorRole, what: Capability): boolean => GRANTS[role].includes(what);

/** R11: the actor's role must allow the intent (apply or request). */
export const r11Authorization: Rule = ({ actorRole, intent, user }) => {
  if (can(actorRole, intent)) return {};
  const params = { user: userLabel(user) };
  if (can(actorRole, 'request')) return { violations: [{ rule: 'R11', code: CODES.r11RequestOnly, params }] };
  return { violations: [{ rule: 'R11', code: CODES.r11NotAuthorized, params }] };
};
