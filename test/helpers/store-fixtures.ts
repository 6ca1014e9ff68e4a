// Small org documents and temp folders for store tests (others may import these).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditInput, ChangeRequest, License, OrgDocument, User } from '../../src/domain/index.js';
import { emptyChange } from '../../src/domain/index.js';

export const SITE_MAIN = 'acme.webex.com';
export const SITE_EVENTS = 'acme-events.webex.com';

export const LICENSES: License[] = [
  { id: 'lic-meet-main', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', subscriptionId: 'Sub-100101', siteUrl: SITE_MAIN, totalUnits: 100_000 },
  { id: 'lic-meet-events', name: 'Meeting - Webex Enterprise Edition', service: 'meetings', subscriptionId: 'Sub-100101', siteUrl: SITE_EVENTS, totalUnits: 50 },
  { id: 'lic-msg', name: 'Messaging', service: 'messaging', subscriptionId: 'Sub-100101', totalUnits: 100_000 },
  { id: 'lic-call-pro', name: 'Webex Calling - Professional', service: 'calling', tier: 'professional', subscriptionId: 'Sub-100202', totalUnits: 100_000 },
  { id: 'lic-call-std', name: 'Webex Calling - Basic', service: 'calling', tier: 'standard', subscriptionId: 'Sub-100202', totalUnits: 20 },
  { id: 'lic-ucm', name: 'Unified Communication Manager (UCM)', service: 'ucm', subscriptionId: 'Sub-100202', totalUnits: 10 },
  { id: 'lic-cx', name: 'Customer Experience - Essential', service: 'cxBasic', subscriptionId: 'Sub-100303', totalUnits: 5 },
];

const FIRST = ['Alice', 'Bram', 'Chloé', 'Daan', 'Emma', 'Finn', 'Greta', 'Hugo', 'Iris', 'Jens', 'Katja', 'Lars', 'Mila', 'Noah', 'Olga'];
const LAST = ['Martin', 'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'de Boer', 'Dekker'];

export function makeUser(index: number, overrides: Partial<User> = {}): User {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  return {
    id: `user-${index}`,
    email: `${first.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}.${last.toLowerCase().replace(/\s/g, '')}.${index}@acme.example`,
    displayName: `${first} ${last}`,
    type: 'internal',
    status: 'active',
    siteAdminOf: [],
    licenseIds: index % 3 === 0 ? ['lic-msg', 'lic-meet-main'] : ['lic-msg'],
    attendeeOf: [],
    rev: 0,
    ...overrides,
  };
}

/** An org with `users` generated users (plus two external ones), valid against OrgDocumentSchema. */
export function buildOrg(options: { users?: number; orgName?: string } = {}): OrgDocument {
  const count = options.users ?? 20;
  const users = Array.from({ length: count }, (_, index) => makeUser(index));
  users.push(
    makeUser(count, { id: 'ext-1', email: 'guest.one@partner.example', displayName: 'Guest One', type: 'external', licenseIds: ['lic-msg'] }),
    makeUser(count + 1, { id: 'ext-2', email: 'guest.two@partner.example', displayName: 'Guest Two', type: 'external', status: 'pending', licenseIds: [] }),
  );
  return {
    schemaVersion: 1,
    orgName: options.orgName ?? 'Acme Test',
    sites: [
      { url: SITE_MAIN, attendeeAccountEnabled: true },
      { url: SITE_EVENTS, attendeeAccountEnabled: false },
    ],
    subscriptions: [{ id: 'Sub-100101' }, { id: 'Sub-100202' }, { id: 'Sub-100303' }],
    licenses: LICENSES,
    users,
    locations: [],
    roles: [{ email: 'admin@acme.example', role: 'admin', addedBy: 'setup', addedAt: '2026-01-01T00:00:00.000Z' }],
    preferences: [],
    drafts: [],
    requests: [],
    orgChanges: [],
    grants: [],
    marks: {},
  };
}

export interface StorePaths {
  dir: string;
  dataFile: string;
  auditFile: string;
}

/** A fresh temp folder with the store's file names in it (nothing created yet). */
export function tempStorePaths(prefix = 'store-test-'): StorePaths {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, dataFile: path.join(dir, 'db.json'), auditFile: path.join(dir, 'audit.log') };
}

/**
 * The store's files as a crash leaves them (no closing checkpoint, no lock), in a new
 * folder: copied while the store is open, which is then closed properly so no file
 * handle is left to the garbage collector.
 */
export async function filesAfterCrash(store: { close(): Promise<void> }, paths: StorePaths): Promise<StorePaths> {
  const copy = tempStorePaths('store-crashed-');
  for (const suffix of ['', '.journal', '.bak']) {
    if (fs.existsSync(`${paths.dataFile}${suffix}`)) fs.copyFileSync(`${paths.dataFile}${suffix}`, `${copy.dataFile}${suffix}`);
  }
  if (fs.existsSync(paths.auditFile)) fs.copyFileSync(paths.auditFile, copy.auditFile);
  await store.close();
  return copy;
}

/** Write an org document as the snapshot file. */
export function writeOrgFile(file: string, document: OrgDocument): void {
  fs.writeFileSync(file, JSON.stringify(document, null, 2));
}

export function auditFor(userId: string, note = 'test'): AuditInput {
  return { action: 'license.change', actorId: 'admin-1', actorEmail: 'admin@acme.example', targetUserId: userId, codes: [note] };
}

/** Age the lease of a holder that was killed, as if its stale time had passed (tests that crash on purpose). */
export function expireLockLease(dataFile: string): void {
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(`${dataFile}.lock`, past, past);
}

/** An open helpdesk request for user-1 (fields overridable). */
export function makeRequest(id: string, overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id,
    requesterId: 'p-help',
    requesterEmail: 'help@acme.example',
    roomId: 'room-1',
    targetUserId: 'user-1',
    baseRev: 0,
    change: emptyChange(),
    reason: 'needed',
    status: 'open',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-08T00:00:00.000Z',
    version: 0,
    ...overrides,
  };
}
