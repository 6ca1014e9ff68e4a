// R10: "Wanneer er direct nadat u een Calling-licentie hebt toegevoegd een foutmelding wordt
// weergegeven [...] raden we u aan de Webex Calling-licentie te verwijderen en de licentie
// opnieuw toe te wijzen aan de gebruiker."
import { CODES } from './codes.js';
import { licensesOf, userLabel } from './helpers.js';
import { addedLicenseIds, type Rule } from './state.js';

/** R10 (notice): a calling license was added; if Calling settings fail, use `reassign`. */
export const r10CallingSettingsHint: Rule = (s) => ({
  notices: licensesOf(s.ctx, addedLicenseIds(s))
    .filter((l) => l.service === 'calling')
    .map((l) => ({
      rule: 'R10',
      code: CODES.r10CallingSettingsHint,
      params: { user: userLabel(s.user), license: l.name },
    })),
});
