// R4: "U kunt de standaardlicentie voor Webex Calling en de licentie Basisbeginselen
// voor de klantervaring niet toewijzen aan een gebruiker."
import { CODES } from './codes.js';
import { callingLicensesOf, licensesByService, userLabel } from './helpers.js';
import { pickProfessional } from './r03-attendant-console-professional.js';
import type { Rule } from './state.js';
import { leaveOff, switchToProfessional } from './ways-out.js';

/** R4: Webex Calling Standard and Customer Experience Basic never together. */
export const r4StandardWithCx: Rule = (s) => {
  const { ctx, user, result } = s;
  const standard = callingLicensesOf(ctx, result.licenseIds).find((l) => l.tier === 'standard');
  const cx = licensesByService(ctx, result.licenseIds).cxBasic?.[0];
  if (!standard || !cx) return {};
  const professional = pickProfessional(s, [standard]);
  return {
    violations: [
      {
        rule: 'R4',
        code: CODES.r4StandardWithCx,
        params: { user: userLabel(user), standard: standard.name, cx: cx.name },
        waysOut: [...(professional ? [switchToProfessional(standard, professional)] : []), leaveOff(cx)],
      },
    ],
  };
};
