// What every rule function sees, and what it may return. The pipeline owns the
// state; rules only read it and return findings (and, for R1/R3, auto changes).
import type { ActorRole, CallingProperties, User } from '../domain/index.js';
import type { AutoChange, Intent, Notice, RulesContext, Violation } from './types.js';

export interface AssignmentSets {
  licenseIds: string[];
  attendeeOf: string[];
}

/** The proposed change, sorted and de-duplicated. */
export interface NormalizedChange {
  addLicenseIds: string[];
  removeLicenseIds: string[];
  addAttendeeSites: string[];
  removeAttendeeSites: string[];
  /** Location and number for the Calling license, as proposed (not yet checked or normalized). */
  calling?: CallingProperties;
}

export interface RuleState {
  ctx: RulesContext;
  actorRole: ActorRole;
  intent: Intent;
  user: User;
  /** The user is being added with these licenses (an import row, `external add`), not changed. */
  newUser: boolean;
  /** A CSV import row from a file without Calling columns: records what Webex holds, so missing Calling properties are not asked for. */
  recordsWebex: boolean;
  /** The change as proposed (sorted, de-duplicated), including invalid parts. */
  change: NormalizedChange;
  /** The user's assignment before the change, sorted. */
  before: AssignmentSets;
  /** The assignment after the valid part of the change and the auto changes so far. */
  result: AssignmentSets;
}

export interface RuleOutcome {
  violations?: Violation[];
  autoChanges?: AutoChange[];
  notices?: Notice[];
}

export type Rule = (state: RuleState) => RuleOutcome;

/** Ids in the result the user did not hold before. */
export const addedLicenseIds = (s: RuleState): string[] =>
  s.result.licenseIds.filter((id) => !s.before.licenseIds.includes(id));

/** Attendee sites in the result the user did not have before. */
export const addedAttendeeSites = (s: RuleState): string[] =>
  s.result.attendeeOf.filter((site) => !s.before.attendeeOf.includes(site));
