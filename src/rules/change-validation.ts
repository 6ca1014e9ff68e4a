// CHANGE: the proposed change itself must make sense before any rule looks at it.
// Invalid parts are reported here and left out of the result (see validPart).
import { CODES } from './codes.js';
import type { NormalizedChange, Rule } from './state.js';
import type { RulesContext, Violation } from './types.js';

const both = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => b.includes(x));

/** CHANGE: same id added and removed, unknown license ids, unknown site urls. */
export const changeValidation: Rule = ({ ctx, change }) => {
  const violations: Violation[] = [];
  const contradictory = [
    ...both(change.addLicenseIds, change.removeLicenseIds),
    ...both(change.addAttendeeSites, change.removeAttendeeSites),
  ];
  for (const id of contradictory) {
    violations.push({ rule: 'CHANGE', code: CODES.changeContradictory, params: { id } });
  }
  for (const licenseId of [...change.addLicenseIds, ...change.removeLicenseIds]) {
    if (!ctx.licenses.has(licenseId)) {
      violations.push({ rule: 'CHANGE', code: CODES.changeUnknownLicense, params: { licenseId } });
    }
  }
  for (const siteUrl of [...change.addAttendeeSites, ...change.removeAttendeeSites]) {
    if (!ctx.sites.has(siteUrl)) {
      violations.push({ rule: 'CHANGE', code: CODES.changeUnknownSite, params: { siteUrl } });
    }
  }
  return { violations };
};

/** The part of a change the rules apply: known ids that are not both added and removed. */
export function validPart(ctx: RulesContext, change: NormalizedChange): NormalizedChange {
  const keepLicense = (id: string) =>
    ctx.licenses.has(id) && !(change.addLicenseIds.includes(id) && change.removeLicenseIds.includes(id));
  const keepSite = (url: string) =>
    ctx.sites.has(url) && !(change.addAttendeeSites.includes(url) && change.removeAttendeeSites.includes(url));
  return {
    addLicenseIds: change.addLicenseIds.filter(keepLicense),
    removeLicenseIds: change.removeLicenseIds.filter(keepLicense),
    addAttendeeSites: change.addAttendeeSites.filter(keepSite),
    removeAttendeeSites: change.removeAttendeeSites.filter(keepSite),
  };
}
