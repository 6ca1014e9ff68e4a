// R8: "Als u een andere licentie wilt toewijzen aan een bestaande externe gebruiker wiens
// status is In behandeling, moet u eerst de gebruiker verwijderen en vervolgens opnieuw toevoegen."
import { isEmptyChange, type User } from '../domain/index.js';
import { CODES } from './codes.js';
import { isPendingExternal, userLabel } from './helpers.js';
import type { Rule } from './state.js';
import type { Violation } from './types.js';

/** Why no change to this user's licenses can be saved at all (R8), before any is made: the wizard says so at once. */
export const unchangeable = (user: User): Violation[] =>
  isPendingExternal(user) ? [{ rule: 'R8', code: CODES.r8PendingExternal, params: { user: userLabel(user) } }] : [];

/** R8: a pending external user's licenses cannot be changed; delete and add again. A user being added is not changed. */
export const r8PendingExternal: Rule = ({ user, newUser, change }) => {
  if (newUser || isEmptyChange(change)) return {};
  return { violations: unchangeable(user) };
};
