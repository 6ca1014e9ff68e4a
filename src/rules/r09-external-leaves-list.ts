// R9: "Wanneer u alle licenties van een externe gebruiker verwijdert, worden deze niet
// weergegeven in de Externe gebruikers lijst niet meer."
import { CODES } from './codes.js';
import { userLabel } from './helpers.js';
import type { Rule } from './state.js';

/** R9 (notice): an external user left without any license drops off the external users list. */
export const r9ExternalLeavesList: Rule = ({ user, result }) => {
  if (user.type !== 'external' || result.licenseIds.length > 0) return {};
  return { notices: [{ rule: 'R9', code: CODES.r9LeavesExternalList, params: { user: userLabel(user) } }] };
};
