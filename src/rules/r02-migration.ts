// R2: "Het is echter mogelijk om zowel Webex Calling- als Unified CM-registratie voor
// migratiescenario's te selecteren. [...] Zodra de configuratie van Webex Calling is
// voltooid, kan de beheerder de Unified CM-rechten verwijderen."
import { CODES } from './codes.js';
import { callingLicenseOf, isMigrating, licensesByService, userLabel } from './helpers.js';
import type { Rule } from './state.js';
import type { Notice } from './types.js';

/** R2: calling + UCM is allowed (migrating); dropping UCM while calling stays completes it. */
export const r2Migration: Rule = ({ ctx, user, before, result }) => {
  const notices: Notice[] = [];
  const calling = callingLicenseOf(ctx, result.licenseIds);
  if (isMigrating(ctx, result.licenseIds) && calling) {
    const ucm = licensesByService(ctx, result.licenseIds).ucm?.[0];
    notices.push({
      rule: 'R2',
      code: CODES.r2Migrating,
      params: { user: userLabel(user), calling: calling.name, ucm: ucm?.name ?? '' },
    });
  } else if (isMigrating(ctx, before.licenseIds) && calling && !licensesByService(ctx, result.licenseIds).ucm) {
    const ucm = licensesByService(ctx, before.licenseIds).ucm?.[0];
    notices.push({
      rule: 'R2',
      code: CODES.r2MigrationComplete,
      params: { user: userLabel(user), calling: calling.name, ucm: ucm?.name ?? '' },
    });
  }
  return { notices };
};
