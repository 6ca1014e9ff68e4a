// The rules module's contract. Pure data in, a verdict out: no I/O, no clock, no logger.
import type { ActorRole, CallingProperties, License, Location, ProposedChange, Site, User } from '../domain/index.js';

export type RuleId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'R8' | 'R9' | 'R10' | 'R11' | 'R12' | 'CHANGE' | 'CALLING';

/** Parameters a message needs; the i18n catalog turns code + params into text. */
export type MessageParams = Record<string, string | number>;

export interface Finding {
  rule: RuleId;
  /** Stable code, e.g. "R4.standard-with-cx"; also the i18n key. */
  code: string;
  params: MessageParams;
}
/** Blocks saving. Its message says what *is* allowed or what to do instead. */
export interface Violation extends Finding {
  /** What the message says to do, as changes one click can make (checked by the rules again once made). */
  waysOut?: WayOut[];
}

/**
 * A way out of a violation: licenses and attendee sites to add to or take out of the
 * proposed change. `kind` names it (the flows' button text); params fill that text.
 */
export interface WayOut {
  kind: 'keep-only' | 'leave-off' | 'switch-to-professional' | 'no-attendee';
  params: MessageParams;
  addLicenseIds: string[];
  removeLicenseIds: string[];
  removeAttendeeSites: string[];
}
/** Non-blocking information, e.g. R2's "migration in progress". */
export type Notice = Finding;
/** A change the rules add (e.g. R3's switch to Professional); shown to the admin, never silent. */
export interface AutoChange extends Finding {
  addLicenseIds: string[];
  removeLicenseIds: string[];
}

/** What the rules need to know about the org, read by the caller from the store. */
export interface RulesContext {
  licenses: ReadonlyMap<string, License>;
  sites: ReadonlyMap<string, Site>;
  /** Units in use per license id, derived from assignments (R12). */
  usedUnits: (licenseId: string) => number;
  /** Webex Calling locations by id (a Calling license needs one, Webex's 400411). */
  locations: ReadonlyMap<string, Location>;
  /** Users that hold Calling properties (location, extension, number): who holds a number already. */
  usersWithCalling: () => readonly User[];
}

/** "apply" = change licenses now (admins); "request" = file a request (helpdesk). */
export type Intent = 'apply' | 'request';

export interface EvaluateInput {
  ctx: RulesContext;
  actorRole: ActorRole;
  intent: Intent;
  user: User;
  change: ProposedChange;
  /**
   * The user does not exist yet: the change is the licenses they are added with (an import
   * row records what Control Hub assigned; `external add` adds someone again after R8's
   * delete). R8 is about changing an existing pending user, so it does not apply.
   */
  newUser?: boolean;
  /**
   * The change records what Webex already holds instead of asking Webex for it, and cannot say
   * the Calling properties: a row of a CSV file without the Calling columns (an older export,
   * see src/csv/import.ts). A Calling license added without properties is not refused then;
   * properties the change carries are checked as always.
   */
  recordsWebex?: boolean;
}

export interface Verdict {
  ok: boolean; // no violations
  violations: Violation[];
  autoChanges: AutoChange[];
  notices: Notice[];
  /** The user's licenses and attendee sites after change + autoChanges, sorted. */
  result: { licenseIds: string[]; attendeeOf: string[] };
  /**
   * What the change does to the user's Calling properties: the new ones (normalized), null when
   * no Calling license is left (the properties go), undefined when they stay as they are.
   */
  calling: CallingProperties | null | undefined;
  /** Net difference against the user as given, sorted. */
  diff: { addedLicenseIds: string[]; removedLicenseIds: string[]; addedAttendeeSites: string[]; removedAttendeeSites: string[] };
}
