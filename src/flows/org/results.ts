// Reading Webex's answer to PATCH /v1/licenses/users against what the desk asked for:
// each part (a license or a site account) applied, pending (an external user who has
// not accepted yet) or failed. Pure.
import type { OrgChange, OrgChangeStatus, PartResult } from '../../domain/index.js';
import type { OrgOps } from './changes.js';
import type { LicensePatchResult, OrgPerson } from './port.js';

type Done = Extract<LicensePatchResult, { kind: 'done' }>;

interface Holding {
  licenses: ReadonlySet<string>;
  pendingLicenses: ReadonlySet<string>;
  attendeeOf: ReadonlySet<string>;
  pendingAttendeeOf: ReadonlySet<string>;
}

const holdingOf = (answer: Pick<Done, 'licenses' | 'pendingLicenses' | 'attendeeOf' | 'pendingAttendeeOf'>): Holding => ({
  licenses: new Set(answer.licenses),
  pendingLicenses: new Set(answer.pendingLicenses),
  attendeeOf: new Set(answer.attendeeOf),
  pendingAttendeeOf: new Set(answer.pendingAttendeeOf),
});

function partStatus(operation: 'add' | 'remove', held: boolean, pending: boolean): PartResult['status'] {
  if (operation === 'add') return held ? 'applied' : pending ? 'pending' : 'failed';
  return held || pending ? 'failed' : 'applied';
}

/** Each part of the change, as the answer shows it. */
export function partsFromAnswer(change: Pick<OrgChange, 'licenses' | 'siteUrls'>, answer: Done): PartResult[] {
  const h = holdingOf(answer);
  const failure = answer.httpStatus === 206 ? { code: '206', message: 'Webex applied the rest of the request, not this part' } : { code: 'not-held', message: 'Webex answered, but does not show this part' };
  return [
    ...change.licenses.map((op) => ({ key: op.id, status: partStatus(op.operation, h.licenses.has(op.id), h.pendingLicenses.has(op.id)) })),
    ...change.siteUrls.map((op) => ({ key: op.siteUrl, status: partStatus(op.operation, h.attendeeOf.has(op.siteUrl), h.pendingAttendeeOf.has(op.siteUrl)) })),
  ].map((part): PartResult => (part.status === 'failed' ? { ...part, ...failure } : part));
}

/** Webex refused the request as a whole: every part failed, with Webex's code. */
export function partsFromRefusal(change: Pick<OrgChange, 'licenses' | 'siteUrls'>, refusal: { code?: string | undefined; message: string }): PartResult[] {
  const reason = { ...(refusal.code ? { code: refusal.code } : {}), message: refusal.message };
  return [...change.licenses.map((op) => op.id), ...change.siteUrls.map((op) => op.siteUrl)].map((key) => ({ key, status: 'failed', ...reason }));
}

export function statusOfParts(parts: readonly PartResult[]): OrgChangeStatus {
  const failed = parts.filter((p) => p.status === 'failed').length;
  if (failed === 0) return 'applied';
  return failed === parts.length ? 'failed' : 'partial';
}

/** What is still missing in Webex (after a crash or a lost answer): only that is sent again. */
export function stillMissing(change: Pick<OrgChange, 'licenses' | 'siteUrls'>, person: OrgPerson): OrgOps {
  const held = new Set(person.licenses);
  const attendee = new Set(person.attendeeOf);
  return {
    licenses: change.licenses.filter((op) => (op.operation === 'add') !== held.has(op.id)),
    siteUrls: change.siteUrls.filter((op) => (op.operation === 'add') !== attendee.has(op.siteUrl)),
  };
}

/** The parts a retry sends: those that failed (or, for a never-answered change, all). */
export function failedOps(change: OrgChange): OrgOps {
  const failed = new Set(change.parts.filter((p) => p.status === 'failed').map((p) => p.key));
  if (failed.size === 0) return { licenses: change.licenses, siteUrls: change.siteUrls };
  return { licenses: change.licenses.filter((op) => failed.has(op.id)), siteUrls: change.siteUrls.filter((op) => failed.has(op.siteUrl)) };
}
