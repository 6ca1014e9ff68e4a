// PATCH /licenses/users as Webex documents it: removals first, then each addition checked
// against what the person holds by then (Calling Professional/Standard, Attendant
// Console, CX Essentials, offer codes, units, calling properties); attendee sites after.
// An item that fails is skipped and the rest applies: 206 when something applied and
// something failed, 400 (every failure listed) when nothing applied, 200 otherwise.
import { ORG_ID } from '../state.js';
import { heldUnion, type Org } from './org.js';
import { isCallingKind, licenseKind, offerCodeOf, type LicenseKind, type OrgCallingSeed } from './types.js';

export interface LicenseOp {
  id: string;
  operation?: 'add' | 'remove';
  properties?: { locationId?: string; phoneNumber?: string; extension?: string };
}

export interface SiteOp {
  siteUrl: string;
  accountType: string;
  operation?: 'add' | 'remove';
}

/** One entry of Webex's error body: {message, errors: [{errorCode, description}]}. */
export interface Failure {
  message: string;
  errorCode: number;
  description: string;
}

export interface AssignOutcome {
  status: 200 | 206 | 400;
  failures: Failure[];
}

const conflict = (errorCode: number, text: string, id: string): Failure => ({
  message: 'License conflict',
  errorCode,
  description: `${text} The following license(s) could not be applied as requested: ${id}`,
});

/** The spec's error descriptions (ErrorDetail of the Licenses API), with {licenses} filled in. */
const failures = {
  notRecognized: (id: string): Failure => ({ message: 'License not recognized', errorCode: 400000, description: `License not recognized ${id}` }),
  downgrade: (id: string): Failure => ({
    ...conflict(400112, "Changing a user's Webex Calling license from Professional to Standard is not allowed.", id),
    message: 'License assignment failed',
  }),
  proAndStandard: (id: string) => conflict(400404, 'User cannot have both Webex Calling Professional and Standard License together.', id),
  standardAndConsole: (id: string) =>
    conflict(400406, 'User cannot have both Webex Calling Standard and Webex Attendant Console licenses together.', id),
  standardAndCx: (id: string) => conflict(400407, 'User cannot have both Webex Calling Standard and CX Essential licenses together.', id),
  consoleNeedsPro: (id: string): Failure => ({
    message: 'License prerequisite missing',
    errorCode: 400408,
    description: `User needs Webex Calling Professional license to be assigned before assigning Webex Attendant Console: ${id}`,
  }),
  cxDowngrade: (id: string): Failure => ({
    ...conflict(400410, "Changing a user's license from CX Essential to Webex Calling Standard is not allowed.", id),
    message: 'License downgrade not allowed',
  }),
  noProperties: (id: string): Failure => ({
    message: 'License properties missing',
    errorCode: 400411,
    description: `Each Webex Calling license should contain its own calling properties. The following license(s) do not have properties: ${id}`,
  }),
  offerCode: (id: string, codes: string): Failure => ({
    message: 'License conflict',
    errorCode: 400413,
    description: `Could not apply the following license(s): ${id} as the user can be assigned only one of licenses with the offer code from the list: ${codes}`,
  }),
  invalidSite: (url: string): Failure => ({ message: 'Invalid site URL', errorCode: 400216, description: `Request contains invalid attendee siteUrls: ${url}` }),
  locationNotFound: (): Failure => ({ message: 'Unable to find location', errorCode: 400, description: 'Unable to find location.' }),
  // Not in the spec (its errorCode list has none for these): generic 400s, our wording.
  noUnits: (id: string): Failure => ({ message: 'License assignment failed', errorCode: 400, description: `No units of license ${id} are available.` }),
  number: (description: string): Failure => ({ message: 'License assignment failed', errorCode: 400, description }),
};

export function assignLicenses(org: Org, personId: string, licenseOps: LicenseOp[], siteOps: SiteOp[]): AssignOutcome {
  const h = org.holding(personId);
  const active = new Set(h.licenses);
  const pending = new Set(h.pendingLicenses);
  const attendee = new Set(h.attendeeOf);
  const pendingAttendee = new Set(h.pendingAttendeeOf);
  const removed = new Map<LicenseKind, { id: string; pending: boolean }>();
  let calling: OrgCallingSeed | undefined = h.calling;
  const failed: Failure[] = [];
  let applied = 0;

  const held = (id: string) => active.has(id) || pending.has(id);
  const heldKinds = () => new Set([...active, ...pending].map((id) => licenseKind(org.licenses.get(id)?.name ?? '')));

  for (const op of licenseOps.filter((o) => o.operation === 'remove')) {
    const license = org.licenses.get(op.id);
    if (!license) {
      failed.push(failures.notRecognized(op.id));
      continue;
    }
    if (held(op.id)) removed.set(licenseKind(license.name), { id: op.id, pending: pending.has(op.id) });
    active.delete(op.id);
    pending.delete(op.id);
    applied += 1;
  }

  for (const op of licenseOps.filter((o) => o.operation !== 'remove')) {
    const license = org.licenses.get(op.id);
    if (!license) {
      failed.push(failures.notRecognized(op.id));
      continue;
    }
    if (held(op.id)) {
      applied += 1; // already there: nothing to do
      continue;
    }
    const kind = licenseKind(license.name);
    const kinds = heldKinds();
    const downgraded = kind === 'callingStandard' ? (removed.get('callingProfessional') ?? removed.get('cxEssentials')) : undefined;
    const ruleFailure = kindRule(kind, kinds, new Set(removed.keys()), downgraded ? `${downgraded.id},${op.id}` : op.id);
    const code = offerCodeOf(license);
    const sameOffer = code ? [...active, ...pending].find((id) => id !== op.id && offerCodeOf(org.licenses.get(id) ?? license) === code) : undefined;
    let failure = ruleFailure ?? (sameOffer ? failures.offerCode(op.id, code ?? '') : undefined);
    if (!failure && org.holderCount(op.id) >= license.totalUnits) failure = failures.noUnits(op.id);
    let nextCalling = calling;
    if (!failure && isCallingKind(kind)) {
      const result = callingFor(org, personId, op, calling);
      if ('errorCode' in result) failure = result;
      else nextCalling = result;
    }
    if (failure) {
      failed.push(failure);
      // A refused change (downgrade) is one change: the removal it came with is undone too.
      if (downgraded && (failure.errorCode === 400112 || failure.errorCode === 400410)) {
        (downgraded.pending ? pending : active).add(downgraded.id);
        applied -= 1;
      }
      continue;
    }
    calling = nextCalling;
    (h.invitePending ? pending : active).add(op.id);
    applied += 1;
  }

  for (const op of siteOps) {
    const url = op.siteUrl.toLowerCase();
    const site = org.sites.get(url);
    const forcedFailure = org.failingSites.delete(url);
    if (op.accountType !== 'attendee' || !site || !site.attendeeAccountEnabled || forcedFailure) {
      failed.push(failures.invalidSite(op.siteUrl));
      continue;
    }
    if (op.operation === 'remove') {
      attendee.delete(url);
      pendingAttendee.delete(url);
    } else if (!attendee.has(url)) {
      (h.invitePending ? pendingAttendee : attendee).add(url);
    }
    applied += 1;
  }

  if (failed.length > 0 && applied === 0) return { status: 400, failures: failed };
  const before = heldUnion(h);
  h.licenses = active;
  h.pendingLicenses = pending;
  org.recount(h, before);
  h.attendeeOf = attendee;
  h.pendingAttendeeOf = pendingAttendee;
  const stillCalling = [...active, ...pending].some((id) => isCallingKind(licenseKind(org.licenses.get(id)?.name ?? '')));
  h.calling = stillCalling ? calling : undefined;
  return { status: failed.length > 0 ? 206 : 200, failures: failed };
}

/** The Calling, Attendant Console and CX Essentials combinations the spec refuses. */
function kindRule(kind: LicenseKind, held: Set<LicenseKind>, removed: Set<LicenseKind>, id: string): Failure | undefined {
  if (kind === 'callingStandard') {
    if (removed.has('callingProfessional')) return failures.downgrade(id);
    if (held.has('callingProfessional')) return failures.proAndStandard(id);
    if (removed.has('cxEssentials')) return failures.cxDowngrade(id);
    if (held.has('cxEssentials')) return failures.standardAndCx(id);
    if (held.has('attendantConsole')) return failures.standardAndConsole(id);
  }
  if (kind === 'callingProfessional' && held.has('callingStandard')) return failures.proAndStandard(id);
  if (kind === 'attendantConsole') {
    if (held.has('callingStandard')) return failures.standardAndConsole(id);
    if (!held.has('callingProfessional')) return failures.consoleNeedsPro(id);
  }
  if (kind === 'cxEssentials' && held.has('callingStandard')) return failures.standardAndCx(id);
  return undefined;
}

/**
 * A Calling license needs properties unless the person already has a number or extension
 * (e.g. Standard → Professional): `extension` or `phoneNumber`, and `locationId` when
 * there is no `phoneNumber` (the number's location is used then).
 */
function callingFor(org: Org, personId: string, op: LicenseOp, current: OrgCallingSeed | undefined): OrgCallingSeed | Failure {
  const props = op.properties;
  if (!props || (!props.phoneNumber && !props.extension)) return current ?? failures.noProperties(op.id);
  if (!props.phoneNumber && !props.locationId) return failures.noProperties(op.id);
  const location = props.locationId ? org.locations.get(props.locationId) : org.locationOfNumber(props.phoneNumber ?? '');
  if (!location) return props.locationId ? failures.locationNotFound() : failures.number(`Phone number ${props.phoneNumber} is not a number of the organization.`);
  if (props.phoneNumber) {
    if (!location.numbers.includes(props.phoneNumber)) {
      return failures.number(`Phone number ${props.phoneNumber} does not belong to location ${location.name}.`);
    }
    const owner = org.numberOwner(props.phoneNumber);
    if (owner && owner !== personId) return failures.number(`Phone number ${props.phoneNumber} is already assigned.`);
  }
  if (props.extension !== undefined) {
    if (!/^\d{2,10}$/.test(props.extension)) return failures.number(`Extension ${props.extension} is invalid: 2 to 10 digits.`);
    const owner = org.extensionOwner(location.id, props.extension);
    if (owner && owner !== personId) return failures.number(`Extension ${props.extension} is already assigned in location ${location.name}.`);
  }
  return { locationId: location.id, ...(props.phoneNumber ? { phoneNumber: props.phoneNumber } : {}), ...(props.extension ? { extension: props.extension } : {}) };
}

/** Webex's UserLicensesResponse: host accounts are the sites of the meeting licenses held. */
export function userLicensesJson(org: Org, personId: string, email: string) {
  const h = org.holding(personId);
  const site = (siteUrl: string, accountType: 'attendee' | 'host') => ({ siteUrl, accountType });
  const hostSites = (ids: Set<string>) => [...ids].flatMap((id) => (org.licenses.get(id)?.siteUrl ? [site(org.licenses.get(id)?.siteUrl ?? '', 'host')] : []));
  const pending = h.invitePending || h.pendingLicenses.size > 0 || h.pendingAttendeeOf.size > 0;
  return {
    orgId: ORG_ID,
    personId,
    email,
    licenses: [...h.licenses],
    siteUrls: [...[...h.attendeeOf].map((url) => site(url, 'attendee')), ...hostSites(h.licenses)],
    ...(pending
      ? {
          pendingLicenses: [...h.pendingLicenses],
          pendingSiteUrls: [...[...h.pendingAttendeeOf].map((url) => site(url, 'attendee')), ...hostSites(h.pendingLicenses)],
        }
      : {}),
  };
}
