// The license rules module: nothing else decides whether a license change is allowed.
// Pure: (org context, actor role, user, proposed change) → verdict. No I/O, clock or logger.
import type { ActorRole, User } from '../domain/index.js';
import { validPart } from './change-validation.js';
import { CODES } from './codes.js';
import { callingLicenseOf, sortedUnique, userLabel } from './helpers.js';
import { runPipeline } from './pipeline.js';
import { r11Authorization } from './r11-authorization.js';
import type { NormalizedChange, RuleState } from './state.js';
import type { EvaluateInput, RulesContext, Verdict } from './types.js';

export type * from './types.js';
export { ALL_CODES, CODES, CODE_PARAMS, type Code } from './codes.js';
export {
  callingLicenseOf,
  callingLicensesOf,
  freeUnits,
  hasService,
  hostSites,
  isPendingExternal,
  isMigrating,
  licensesByService,
  licensesOf,
  licensesOverCapacity,
  meetingsLicensesOfSite,
} from './helpers.js';
export { can, type Capability } from './r11-authorization.js';
export { unchangeable } from './r08-pending-external.js';
export { takeWayOut } from './ways-out.js';
export { E164_PATTERN, EXTENSION_PATTERN, normalizeCallingProperties, normalizePhoneNumber } from './calling-properties.js';
export { attendeeOptions, planSiteAccount, type AttendeeOption, type PlanSiteAccountInput } from './site-account.js';

function initialState(input: EvaluateInput): RuleState {
  const { ctx, change, user } = input;
  const normalized: NormalizedChange = {
    addLicenseIds: sortedUnique(change.addLicenseIds),
    removeLicenseIds: sortedUnique(change.removeLicenseIds),
    addAttendeeSites: sortedUnique(change.addAttendeeSites),
    removeAttendeeSites: sortedUnique(change.removeAttendeeSites),
    ...(change.calling ? { calling: change.calling } : {}),
  };
  const before = { licenseIds: sortedUnique(user.licenseIds), attendeeOf: sortedUnique(user.attendeeOf) };
  const valid = validPart(ctx, normalized);
  const result = {
    licenseIds: sortedUnique([...before.licenseIds, ...valid.addLicenseIds]).filter(
      (id) => !valid.removeLicenseIds.includes(id),
    ),
    attendeeOf: sortedUnique([...before.attendeeOf, ...valid.addAttendeeSites]).filter(
      (url) => !valid.removeAttendeeSites.includes(url),
    ),
  };
  return { ctx, actorRole: input.actorRole, intent: input.intent, user, newUser: input.newUser ?? false, recordsWebex: input.recordsWebex ?? false, change: normalized, before, result };
}

/** The verdict on a proposed change: violations block; auto changes and notices are shown. */
export function evaluate(input: EvaluateInput): Verdict {
  return runPipeline(initialState(input));
}

export interface EvaluateReassignInput {
  ctx: RulesContext;
  actorRole: ActorRole;
  user: User;
}

/**
 * R10's `reassign`: remove the Calling license and assign it again. The result equals the
 * current licenses; the store applies it as one audited remove-and-assign-again.
 */
export function evaluateReassign({ ctx, actorRole, user }: EvaluateReassignInput): Verdict {
  const state = initialState({
    ctx,
    actorRole,
    intent: 'apply',
    user,
    change: { addLicenseIds: [], removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [] },
  });
  const noCallingLicense = () =>
    callingLicenseOf(ctx, state.before.licenseIds)
      ? {}
      : { violations: [{ rule: 'R10' as const, code: CODES.r10NoCallingLicense, params: { user: userLabel(user) } }] };
  return runPipeline(state, [r11Authorization, noCallingLicense]);
}
