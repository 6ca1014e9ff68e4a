// The ordered rule pipeline. Order matters only where a rule reacts to an earlier
// auto change: R1 replaces the calling tier (a change that still leaves two calling
// licenses is refused), then R3 may switch to Professional, and only then are R4 and
// R12 judged, so Attendant Console on a Standard + CX user yields R3's switch, not R4.
import { callingAfter, callingProperties } from './calling-properties.js';
import { changeValidation } from './change-validation.js';
import { r1OneCallingLicense, r1ReplaceCalling } from './r01-one-calling-license.js';
import { r2Migration } from './r02-migration.js';
import { r3AttendantConsoleProfessional } from './r03-attendant-console-professional.js';
import { r4StandardWithCx } from './r04-standard-with-cx.js';
import { r5ChooseAccountType, r5HostAndAttendee } from './r05-meetings-account-type.js';
import { r6AttendeeFeature } from './r06-attendee-feature.js';
import { r7SiteAdminAttendee } from './r07-site-admin-attendee.js';
import { r8PendingExternal } from './r08-pending-external.js';
import { r9ExternalLeavesList } from './r09-external-leaves-list.js';
import { r10CallingSettingsHint } from './r10-calling-settings.js';
import { r11Authorization } from './r11-authorization.js';
import { r12Units } from './r12-units.js';
import { sortedUnique } from './helpers.js';
import type { AssignmentSets, Rule, RuleState } from './state.js';
import type { AutoChange, Notice, Verdict, Violation } from './types.js';

export const PIPELINE: readonly Rule[] = [
  changeValidation,
  r11Authorization,
  r8PendingExternal,
  r1ReplaceCalling,
  r1OneCallingLicense,
  r3AttendantConsoleProfessional,
  r2Migration,
  r4StandardWithCx,
  r5HostAndAttendee,
  r6AttendeeFeature,
  r7SiteAdminAttendee,
  r5ChooseAccountType,
  r12Units,
  callingProperties,
  r9ExternalLeavesList,
  r10CallingSettingsHint,
];

function applyAutoChange(result: AssignmentSets, auto: AutoChange): AssignmentSets {
  const kept = result.licenseIds.filter((id) => !auto.removeLicenseIds.includes(id));
  return { licenseIds: sortedUnique([...kept, ...auto.addLicenseIds]), attendeeOf: result.attendeeOf };
}

const difference = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

/** Runs the rules in order; each rule sees the result including earlier auto changes. */
export function runPipeline(initial: RuleState, rules: readonly Rule[] = PIPELINE): Verdict {
  const violations: Violation[] = [];
  const autoChanges: AutoChange[] = [];
  const notices: Notice[] = [];
  let state = initial;
  for (const rule of rules) {
    const outcome = rule(state);
    violations.push(...(outcome.violations ?? []));
    notices.push(...(outcome.notices ?? []));
    for (const auto of outcome.autoChanges ?? []) {
      autoChanges.push(auto);
      state = { ...state, result: applyAutoChange(state.result, auto) };
    }
  }
  const { before, result } = state;
  return {
    ok: violations.length === 0,
    violations,
    autoChanges,
    notices,
    result: { licenseIds: [...result.licenseIds], attendeeOf: [...result.attendeeOf] },
    calling: callingAfter(state),
    diff: {
      addedLicenseIds: difference(result.licenseIds, before.licenseIds),
      removedLicenseIds: difference(before.licenseIds, result.licenseIds),
      addedAttendeeSites: difference(result.attendeeOf, before.attendeeOf),
      removedAttendeeSites: difference(before.attendeeOf, result.attendeeOf),
    },
  };
}
