// English messages for rule codes (src/rules). Keys equal violation/notice/auto-change codes.
// Every violation says what is allowed or what to do instead.
export const rulesEn: Record<string, string> = {
  'CHANGE.contradictory':
    'The change both adds and removes {id}. Choose one: add it or remove it.',
  'CHANGE.unknown-license':
    'The license {licenseId} does not exist in this organization. Pick one of the licenses shown for the user.',
  'CHANGE.unknown-site':
    'The Webex Meetings site {siteUrl} does not exist in this organization. Pick one of the sites shown for the user.',
  'R1.replace-calling':
    'A user can have only one calling license at a time: {added} replaces {removed} for {user}.',
  'R1.one-calling-license':
    'A user can have only one calling license at a time, so {user} cannot have both {first} and {second}. Keep one Webex Calling license; Unified CM may stay beside it during a migration.',
  'R2.migrating':
    '{user} has both {calling} and {ucm}: the user is migrating to Webex Calling. Unified CM keeps calls working while you configure Webex Calling; remove the Unified CM license when that is done.',
  'R2.migration-complete':
    'Removing {ucm} while {user} keeps {calling} completes the migration to Webex Calling.',
  'R3.switch-to-professional':
    'Webex Attendant Console requires Webex Calling on the Professional license, so {user} gets {added} (removed: {removed}).',
  'R3.no-professional-unit':
    'Webex Attendant Console requires Webex Calling on the Professional license, and no Professional license has a free unit. Free a Webex Calling Professional unit or leave {attendantConsole} off for {user}.',
  'R4.standard-with-cx':
    'You cannot assign the Webex Calling Standard license and the Customer Experience Basic license to the same user ({standard} and {cx}). Switch {user} to Webex Calling Professional or remove Customer Experience Basic (Essentials).',
  'R5.host-and-attendee':
    '{user} cannot be both host and attendee on {siteUrl}. Choose one account type for that site: host or attendee.',
  'R5.choose-account-type':
    'A Webex Meetings license was assigned: choose the account type for {user} on {siteUrl} (none, host or attendee).',
  'R6.attendee-feature-off':
    'The attendee account feature is off on {siteUrl}, so {user} cannot be an attendee there. Contact the Cisco Technical Assistance Center (TAC) to enable attendee accounts on {siteUrl}, or leave {user} without an attendee account on {siteUrl}.',
  'R7.site-admin':
    'The attendee account type is not available to a Webex site administrator. Remove {user}\'s site administrator role on {siteUrl} first, or leave {user} without an attendee account on {siteUrl}.',
  'R8.pending-external':
    '{user} is an external user whose status is Pending, so their licenses cannot be changed. Delete the pending external user and add them again with the license you want.',
  'R9.leaves-external-list':
    '{user} has no license left and will no longer show in the External users list.',
  'R10.calling-settings-hint':
    '{license} was added for {user}. If opening the user\'s Calling settings shows an error right after this, use "reassign" to remove the Webex Calling license and assign it again.',
  'R10.no-calling-license':
    '{user} has no Webex Calling license to reassign. Assign a Webex Calling license first.',
  'R11.request-only':
    'Only an administrator with full privileges can change licenses. As a helpdesk agent you can file a request for {user}, which an administrator approves.',
  'R11.not-authorized':
    'Only an administrator with full privileges can change licenses, and helpdesk agents can file requests. Ask an administrator to give you one of these roles.',
  'R12.no-free-unit':
    '{license} has no free unit ({used} of {total} used). Remove it from another user first, or choose a license with a free unit.',
  'CALLING.properties-missing':
    'Webex needs a location and a number for {license}: choose a location for {user} and give an extension or a phone number (or both).',
  'CALLING.location-unknown':
    'The location {locationId} is not a Webex Calling location of this organization. Choose one of the locations shown for {user}.',
  'CALLING.extension-invalid':
    'The extension {extension} is not valid: use 2 to 10 digits only (for example 4101).',
  'CALLING.number-invalid':
    'The phone number {phoneNumber} is not valid: give it in E.164 form, a + and the country code first (for example +31 20 555 0101).',
  'CALLING.number-or-extension':
    'A Webex Calling license needs an extension or a phone number: give {user} at least one of them.',
  'CALLING.extension-taken':
    'The extension {extension} in {location} already belongs to {holder}. Choose another extension for {user}.',
  'CALLING.number-taken':
    'The phone number {phoneNumber} already belongs to {holder}. Choose a free number for {user}, or none and an extension.',
  'CALLING.without-license':
    'A location and number only go with a Webex Calling license, and {user} keeps none. Choose a Webex Calling license, or leave the location and number out.',
};
