// R11: only an administrator with full privileges edits licenses. Helpdesk agents may
// file requests that an admin approves; everyone else is refused.
import type { ActorRole } from '../domain/index.js';
import { CODES } from './codes.js';
import { userLabel } from './helpers.js';
import type { Rule } from './state.js';

export interface Permissions {
  /** Change licenses now. */
  apply: boolean;
  /** File a change request for an admin to approve. */
  request: boolean;
  /** See users' licenses. */
  view: boolean;
}

/** What a role may do (R11). */
export function permissions(role: ActorRole): Permissions {
  switch (role) {
    case 'admin':
      return { apply: true, request: true, view: true };
    case 'helpdesk':
      return { apply: false, request: true, view: true };
    default:
      return { apply: false, request: false, view: false };
  }
}

/** R11: the actor's role must allow the intent (apply or request). */
export const r11Authorization: Rule = ({ actorRole, intent, user }) => {
  const allowed = permissions(actorRole);
  if (allowed[intent]) return {};
  const params = { user: userLabel(user) };
  if (allowed.request) return { violations: [{ rule: 'R11', code: CODES.r11RequestOnly, params }] };
  return { violations: [{ rule: 'R11', code: CODES.r11NotAuthorized, params }] };
};
