// R3: "Wanneer u Webex Attendant Console selecteert, stelt u de Webex Calling-service
// in op Professional-licentie." The switch is proposed as an auto change the admin sees.
import type { License } from '../domain/index.js';
import { CODES } from './codes.js';
import { byString, callingLicensesOf, freeUnits, licensesByService, userLabel } from './helpers.js';
import type { Rule, RuleState } from './state.js';
import { leaveOff } from './ways-out.js';

/**
 * The Professional license to switch to: one with a unit for this user (held before,
 * or a free unit), preferring the removed Standard's subscription, then the most free
 * units, then the lowest id.
 */
export function pickProfessional(s: RuleState, standards: License[]): License | undefined {
  const preferredSubs = new Set(standards.map((l) => l.subscriptionId));
  const candidates = [...s.ctx.licenses.values()].filter(
    (l) =>
      l.service === 'calling' &&
      l.tier === 'professional' &&
      (s.before.licenseIds.includes(l.id) || freeUnits(s.ctx, l) > 0),
  );
  candidates.sort(
    (a, b) =>
      Number(preferredSubs.has(b.subscriptionId)) - Number(preferredSubs.has(a.subscriptionId)) ||
      freeUnits(s.ctx, b) - freeUnits(s.ctx, a) ||
      byString(a.id, b.id),
  );
  return candidates[0];
}

/** R3: Attendant Console without Calling Professional → auto switch, or a violation if no unit. */
export const r3AttendantConsoleProfessional: Rule = (s) => {
  const attendantConsole = licensesByService(s.ctx, s.result.licenseIds).attendantConsole?.[0];
  if (!attendantConsole) return {};
  const calling = callingLicensesOf(s.ctx, s.result.licenseIds);
  if (calling.some((l) => l.tier === 'professional')) return {};
  const standards = calling.filter((l) => l.tier === 'standard');
  const professional = pickProfessional(s, standards);
  const user = userLabel(s.user);
  if (!professional) {
    return {
      violations: [{ rule: 'R3', code: CODES.r3NoProfessionalUnit, params: { user, attendantConsole: attendantConsole.name }, waysOut: [leaveOff(attendantConsole)] }],
    };
  }
  return {
    autoChanges: [
      {
        rule: 'R3',
        code: CODES.r3SwitchToProfessional,
        params: { user, removed: standards.map((l) => l.name).join(', ') || '—', added: professional.name },
        addLicenseIds: [professional.id],
        removeLicenseIds: standards.map((l) => l.id),
      },
    ],
  };
};
