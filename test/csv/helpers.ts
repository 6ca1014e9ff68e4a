// A small org for CSV tests (the demo org's license catalog, a few users of our own) and
// a store in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemoOrg } from '../../src/demo/demo-org.js';
import type { OrgDocument, User } from '../../src/domain/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function user(id: string, email: string, displayName: string, overrides: Partial<User> = {}): User {
  return { id, email, displayName, type: 'internal', status: 'active', siteAdminOf: [], licenseIds: [], attendeeOf: [], rev: 0, ...overrides };
}

/**
 * The demo org's sites, subscriptions and licenses, with users of our own and the training
 * site's Meetings license at 2 units (one used), so capacity is easy to reach.
 */
export function csvTestOrg(): OrgDocument {
  const demo = loadDemoOrg();
  return {
    ...demo,
    licenses: demo.licenses.map((l) => (l.id === 'lic-meetings-training-100102' ? { ...l, totalUnits: 2 } : l)),
    users: [
      user('u-tom', 'tom.jansen@acme.example', 'Tom Jansen', {
        firstName: 'Tom',
        lastName: 'Jansen',
        licenseIds: ['lic-calling-basic-100101', 'lic-messaging-100101'],
      }),
      user('u-lena', 'lena.fischer@contoso-consult.example', 'Lena Fischer', {
        type: 'external',
        status: 'pending',
        licenseIds: ['lic-messaging-100101', 'lic-meetings-acme-100102'],
      }),
      user('u-eva', 'eva.bakker@acme.example', 'Eva Bakker', {
        firstName: 'Eva',
        lastName: 'Bakker',
        licenseIds: ['lic-messaging-100101', 'lic-meetings-training-100102'],
      }),
    ],
    roles: [],
    preferences: [],
    drafts: [],
    requests: [],
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'csv-test-'));
}

export async function openTempStore(seed: OrgDocument, dir = tempDir()): Promise<{ store: Store; dir: string; dataFile: string; auditFile: string }> {
  const dataFile = path.join(dir, 'db.json');
  const auditFile = path.join(dir, 'audit.log');
  const store = await openStore({ dataFile, auditFile, seed: () => structuredClone(seed) });
  return { store, dir, dataFile, auditFile };
}

/** What the round trip compares: per email, licenses, attendee sites, type, status, name and Calling properties. */
export function assignmentsByEmail(users: readonly User[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const u of [...users].sort((a, b) => (a.email < b.email ? -1 : 1))) {
    out[u.email] = {
      licenseIds: [...u.licenseIds].sort(),
      attendeeOf: [...u.attendeeOf].sort(),
      type: u.type,
      status: u.status,
      displayName: u.displayName,
      calling: u.calling,
    };
  }
  return out;
}

export function auditLines(auditFile: string): Record<string, unknown>[] {
  if (!fs.existsSync(auditFile)) return [];
  return fs
    .readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
