// The log lines operators read, so "who changed whom" can be answered from the log alone:
// one per written audit line (actor, target, what in short, the audit seq) and one per
// conflict (a stale card: the revision check failed, nothing was saved). Pure: names come
// from the store's catalog. Card payloads, comments and tokens never go into a line.
// The bot logs every commit's lines once (src/bot/operator-log.ts); the wizard engine logs
// the conflict it finds before a commit (engine.ts, backToUser).
import { licenseNameOf } from '../domain/index.js';
import { lineOps, type LineOps } from './audit-lines.js';
import { auditRequestRef } from './requests/ref.js';
import type { AuditInput } from '../domain/index.js';
import { logger } from '../logger.js';
import type { StoreReader } from '../store/index.js';

/** What an operator reads first, per audit action. */
const SAID: Record<AuditInput['action'], string> = {
  'license.change': 'licenses changed',
  'license.reassign': 'Calling license reassigned (R10)',
  'license.refused': 'change refused by the license rules',
  'auth.refused': 'refused: the role may not do this',
  'user.delete': 'external user deleted',
  'user.add': 'external user added',
  'request.submit': 'request filed',
  'request.approve': 'request approved',
  'request.reject': 'request declined',
  'request.expire': 'request expired',
  'request.fail': 'request approved but not applied: the re-check failed',
  'request.ask': 'a person asked for a license',
  'request.take': 'helpdesk took an ask',
  'request.question': 'helpdesk asked the person for more information',
  'request.answer': 'the person answered the helpdesk',
  'request.forward': 'helpdesk forwarded an ask to the administrators',
  'request.decline': 'helpdesk declined an ask',
  'role.add': 'role given',
  'role.remove': 'role removed',
  import: 'CSV imported',
  export: 'CSV exported',
  'webex.apply': 'Webex answered a change',
  'webex.outside': 'changed outside the desk (found by sync)',
  'webex.revert': 'change reverted',
  'grant.remind': 'reminder sent: the last day of a license granted until a date',
  'grant.extend': 'license granted until a later date',
  'grant.keep': 'license granted until a date made permanent',
  'grant.let-end': 'license granted until a date confirmed to end',
  'grant.end': 'grant closed: the user no longer held the license',
  'reclaim.keep': 'idle license kept (reclaim)',
  'reclaim.ask': 'user asked whether they still need a license (reclaim)',
  'reclaim.answer': 'user answered about a license (reclaim)',
};

/** At most this many license changes are named in one line; the audit line has them all. */
const NAMED = 6;

export interface OperatorLine {
  message: string;
  /** seq: the audit line's (a conflict writes none). */
  fields: { actor: string; target?: string; what: string; seq?: number };
}

/** "Meeting - Webex Enterprise Edition (acme.webex.com)": Meetings licenses of two sites share a name. */
function licenseLabel(store: StoreReader, id: string): string {
  const license = store.license(id);
  return license ? licenseNameOf(license) : id;
}

function short(items: string[]): string {
  if (items.length === 0) return 'no license change';
  const named = items.slice(0, NAMED).join('; ');
  return items.length > NAMED ? `${named}; and ${items.length - NAMED} more` : named;
}

function listed(store: StoreReader, ops: LineOps): string[] {
  return [
    ...ops.add.map((id) => `+${licenseLabel(store, id)}`),
    ...ops.remove.map((id) => `-${licenseLabel(store, id)}`),
    ...ops.addSites.map((site) => `+attendee on ${site}`),
    ...ops.removeSites.map((site) => `-attendee on ${site}`),
  ];
}

/** "+Webex Calling - Professional; -Webex Calling - Basic": what the line changed (or asked for). */
function licensesWhat(store: StoreReader, entry: AuditInput): string {
  if (!entry.after && !entry.change) return '';
  return short(listed(store, lineOps(entry)));
}

const detail = (entry: AuditInput, key: string): string => {
  const value = entry.details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

const codes = (entry: AuditInput): string => (entry.codes && entry.codes.length > 0 ? ` [${entry.codes.join(', ')}]` : '');

function whatOf(store: StoreReader, entry: AuditInput): string {
  switch (entry.action) {
    case 'auth.refused':
      return `${detail(entry, 'what')}${codes(entry)} (role ${detail(entry, 'role') || 'none'})`;
    case 'license.refused':
      return `${entry.change ? licensesWhat(store, entry) : detail(entry, 'what')}${codes(entry)}`;
    case 'license.reassign':
      return `removed and assigned again: ${licenseLabel(store, detail(entry, 'licenseId'))}`;
    case 'reclaim.keep':
    case 'reclaim.ask':
      return licenseLabel(store, detail(entry, 'licenseId'));
    case 'reclaim.answer':
      return `${licenseLabel(store, detail(entry, 'licenseId'))}: ${detail(entry, 'answer')}`;
    case 'request.submit':
    case 'request.approve':
    case 'request.reject':
    case 'request.expire':
    case 'request.fail': {
      // A decline's audit line names the request only; what was asked is on the request.
      const change = entry.change ?? (entry.requestId ? store.request(entry.requestId)?.change : undefined);
      const asked = change ? `: ${licensesWhat(store, { ...entry, change })}` : '';
      const by = detail(entry, 'requesterEmail');
      // Named as the cards name it (R-42); the number exists once the store has saved the request.
      const ref = entry.requestId ? (auditRequestRef(store, entry) ?? entry.requestId) : '?';
      return `request ${ref}${by ? ` from ${by}` : ''}${asked}${entry.action === 'request.fail' ? codes(entry) : ''}`;
    }
    case 'role.add':
    case 'role.remove':
      return `${detail(entry, 'role')} ${detail(entry, 'email')}`;
    case 'user.delete':
      return `deleted, held: ${short(listed(store, { add: [], remove: entry.before?.licenseIds ?? [], addSites: [], removeSites: entry.before?.attendeeOf ?? [] }))}`;
    case 'export':
      return `${detail(entry, 'users')} users as ${detail(entry, 'filename')}`;
    case 'import':
      return `${detail(entry, 'file')}${codes(entry)}`;
    case 'webex.apply':
      return `${detail(entry, 'status')}${detail(entry, 'changeSeq') ? ` (the change of seq ${detail(entry, 'changeSeq')})` : ''}${codes(entry)}`;
    default:
      return licensesWhat(store, entry) + codes(entry);
  }
}

/** The log line of one written audit line. Pure: names come from the store's catalog. */
export function operatorLine(store: StoreReader, entry: AuditInput, seq: number): OperatorLine {
  const target = entry.targetEmail ?? (entry.targetUserId ? store.user(entry.targetUserId)?.email : undefined);
  return { message: SAID[entry.action], fields: { actor: entry.actorEmail, ...(target ? { target } : {}), what: whatOf(store, entry), seq } };
}

/** Who a conflict was about: the user behind the record whose revision moved on. */
function conflictTarget(store: StoreReader, error: Conflict): string | undefined {
  if (error.what === 'user') return store.user(error.id)?.email;
  if (error.what === 'draft') return userEmail(store, store.draft(error.id)?.targetUserId);
  if (error.what === 'request') return userEmail(store, store.request(error.id)?.targetUserId);
  return store.orgChange(error.id)?.email;
}

const userEmail = (store: StoreReader, id: string | undefined) => (id ? store.user(id)?.email : undefined);

/** A revision check that failed: the record, its revision now and the one the change was made on (ConflictError has these). */
export interface Conflict {
  what: string;
  id: string;
  /** A revision; for a mark (a schedule's slot), the value it held. */
  expected: number | string;
  actual: number | string | undefined;
}

/** The log line of a change refused because what it changes moved on (a stale card). */
export function conflictLine(store: StoreReader, conflict: Conflict, actor: string): OperatorLine {
  const target = conflictTarget(store, conflict);
  return {
    message: 'conflict: it changed first (a stale card), nothing saved',
    fields: { actor, ...(target ? { target } : {}), what: `${conflict.what} ${conflict.id} is at ${typeof conflict.expected === 'number' ? 'rev ' : ''}${conflict.actual ?? 'deleted'}, the change was made on ${conflict.expected}` },
  };
}


/** One info line per written audit line, with its seq. */
export function logAudited(store: StoreReader, entries: readonly AuditInput[], seqs: readonly number[]): void {
  entries.forEach((entry, i) => {
    const line = operatorLine(store, entry, seqs[i] ?? 0);
    logger.info(line.message, line.fields);
  });
}

/** One info line for a change a revision check refused. */
export function logConflict(store: StoreReader, conflict: Conflict, actor: string): void {
  const line = conflictLine(store, conflict, actor);
  logger.info(line.message, line.fields);
}
