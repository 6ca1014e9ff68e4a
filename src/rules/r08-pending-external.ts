// R8: "Als u een andere licentie wilt toewijzen aan een bestaande externe gebruiker wiens
// status is In behandeling, moet u eerst de gebruiker verwijderen en vervolgens opnieuw toevoegen."
import { CODES } from './codes.js';
import { isPendingExternal, userLabel } from './helpers.js';
import type { Rule } from './state.js';

/** R8: a pending external user's licenses cannot be changed; delete and add again. A user being added is not changed. */
export const r8PendingExternal: Rule = ({ user, newUser, change }) => {
  const empty =
    change.addLicenseIds.length +
      change.removeLicenseIds.length +
      change.addAttendeeSites.length +
      change.removeAttendeeSites.length ===
    0;
  if (newUser || !isPendingExternal(user) || empty) return {};
  return { violations: [{ rule: 'R8', code: CODES.r8PendingExternal, params: { user: userLabel(user) } }] };
};
