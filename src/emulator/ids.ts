// Webex ids are base64url("ciscospark://us/<KIND>/<uuid>") without padding; the SDK
// checks for that prefix (people.inferPersonIdFromUuid), so the emulator mints the same.
import { createHash, randomUUID } from 'node:crypto';

export type IdKind =
  | 'PEOPLE'
  | 'ROOM'
  | 'MESSAGE'
  | 'MEMBERSHIP'
  | 'ATTACHMENT_ACTION'
  | 'WEBHOOK'
  | 'ORGANIZATION'
  | 'APPLICATION'
  | 'CONTENT'
  | 'ROLE';

export function webexId(kind: IdKind, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64url');
}

/** A uuid derived from text, so a person keeps the same id across restarts. */
export function stableUuid(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function randomToken(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll('-', '')}`;
}
