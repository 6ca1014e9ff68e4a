// Every finding code the rules module can emit. Each code is also an i18n key in
// rules.en.ts and rules.nl.ts (test/i18n/rules-catalog.test.ts checks both).
export const CODES = {
  changeContradictory: 'CHANGE.contradictory',
  changeUnknownLicense: 'CHANGE.unknown-license',
  changeUnknownSite: 'CHANGE.unknown-site',
  r1ReplaceCalling: 'R1.replace-calling',
  r1OneCallingLicense: 'R1.one-calling-license',
  r2Migrating: 'R2.migrating',
  r2MigrationComplete: 'R2.migration-complete',
  r3SwitchToProfessional: 'R3.switch-to-professional',
  r3NoProfessionalUnit: 'R3.no-professional-unit',
  r4StandardWithCx: 'R4.standard-with-cx',
  r5HostAndAttendee: 'R5.host-and-attendee',
  r5ChooseAccountType: 'R5.choose-account-type',
  r6AttendeeFeatureOff: 'R6.attendee-feature-off',
  r7SiteAdmin: 'R7.site-admin',
  r8PendingExternal: 'R8.pending-external',
  r9LeavesExternalList: 'R9.leaves-external-list',
  r10CallingSettingsHint: 'R10.calling-settings-hint',
  r10NoCallingLicense: 'R10.no-calling-license',
  r11RequestOnly: 'R11.request-only',
  r11NotAuthorized: 'R11.not-authorized',
  r12NoFreeUnit: 'R12.no-free-unit',
} as const;

export type Code = (typeof CODES)[keyof typeof CODES];

/** All codes, sorted: the catalog test checks each has text in English and Dutch. */
export const ALL_CODES: readonly Code[] = Object.values(CODES).sort();

/** The params each code's message may use (documentation for the flows and the catalog). */
export const CODE_PARAMS: Readonly<Record<Code, readonly string[]>> = {
  'CHANGE.contradictory': ['id'],
  'CHANGE.unknown-license': ['licenseId'],
  'CHANGE.unknown-site': ['siteUrl'],
  'R1.replace-calling': ['user', 'removed', 'added'],
  'R1.one-calling-license': ['user', 'first', 'second'],
  'R2.migrating': ['user', 'calling', 'ucm'],
  'R2.migration-complete': ['user', 'calling', 'ucm'],
  'R3.switch-to-professional': ['user', 'removed', 'added'],
  'R3.no-professional-unit': ['user', 'attendantConsole'],
  'R4.standard-with-cx': ['user', 'standard', 'cx'],
  'R5.host-and-attendee': ['user', 'siteUrl'],
  'R5.choose-account-type': ['user', 'siteUrl'],
  'R6.attendee-feature-off': ['user', 'siteUrl'],
  'R7.site-admin': ['user', 'siteUrl'],
  'R8.pending-external': ['user'],
  'R9.leaves-external-list': ['user'],
  'R10.calling-settings-hint': ['user', 'license'],
  'R10.no-calling-license': ['user'],
  'R11.request-only': ['user'],
  'R11.not-authorized': ['user'],
  'R12.no-free-unit': ['license', 'used', 'total'],
};
