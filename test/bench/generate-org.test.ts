// The benchmark's org generator: same seed, same org; valid documents the store opens;
// the proportions the bench claims (externals, pending, sites, near-full licenses).
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOrg } from '../../bench/generate-org.js';
import { OrgDocumentSchema } from '../../src/domain/index.js';
import { evaluate } from '../../src/rules/index.js';
import { openStore } from '../../src/store/index.js';
import { tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

describe('bench org generator', () => {
  it('gives the same document for the same size and seed, another for another seed', () => {
    const a = JSON.stringify(generateOrg({ users: 1000 }));
    expect(JSON.stringify(generateOrg({ users: 1000 }))).toBe(a);
    expect(JSON.stringify(generateOrg({ users: 1000, seed: 1 }))).not.toBe(a);
  });

  it('makes a document the schema accepts and the store opens, with unique ids and emails', async () => {
    const doc = generateOrg({ users: 2000 });
    expect(OrgDocumentSchema.safeParse(doc).success).toBe(true);
    expect(new Set(doc.users.map((u) => u.id)).size).toBe(2000);
    expect(new Set(doc.users.map((u) => u.email.toLowerCase())).size).toBe(2000);
    const paths = tempStorePaths('bench-gen-');
    try {
      writeOrgFile(paths.dataFile, doc);
      const store = await openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile });
      expect(store.userCount()).toBe(2000);
      // Units used never exceed a license's total, and some licenses are (nearly) full.
      const usage = store.usage();
      expect(usage.every((u) => u.used <= u.total)).toBe(true);
      expect(usage.filter((u) => u.free <= 2).length).toBeGreaterThanOrEqual(3);
      await store.close();
    } finally {
      rmSync(paths.dir, { recursive: true, force: true });
    }
  });

  it('has realistic proportions: ~5% external, a few % pending, 3+ Meetings sites one without attendee accounts', () => {
    const doc = generateOrg({ users: 10_000 });
    const share = (pred: (u: (typeof doc.users)[number]) => boolean) => doc.users.filter(pred).length / doc.users.length;
    expect(share((u) => u.type === 'external')).toBeGreaterThan(0.04);
    expect(share((u) => u.type === 'external')).toBeLessThan(0.06);
    expect(share((u) => u.status === 'pending')).toBeGreaterThan(0.01);
    expect(share((u) => u.status === 'pending')).toBeLessThan(0.05);
    expect(share((u) => u.siteAdminOf.length > 0)).toBeGreaterThan(0);
    expect(share((u) => u.attendeeOf.length > 0)).toBeGreaterThan(0.05);
    expect(doc.sites.length).toBeGreaterThanOrEqual(3);
    expect(doc.sites.some((s) => !s.attendeeAccountEnabled)).toBe(true);
    expect(doc.subscriptions.length).toBeGreaterThanOrEqual(3);
    const services = new Set(doc.licenses.map((l) => l.service));
    for (const service of ['calling', 'ucm', 'attendantConsole', 'cxBasic', 'messaging', 'meetings'] as const) expect(services).toContain(service);
  });

  it('gives every user licenses the rules accept as a change from nothing: no violation, no automatic switch (R1-R7)', () => {
    const doc = generateOrg({ users: 3000 });
    const ctx = {
      licenses: new Map(doc.licenses.map((l) => [l.id, l])),
      sites: new Map(doc.sites.map((s) => [s.url, s])),
      usedUnits: () => 0,
      // The generated org records licenses only; each Calling license gets a location and extension here (Webex's 400411).
      locations: new Map([['loc-bench', { id: 'loc-bench', name: 'Bench' }]]),
      usersWithCalling: () => [],
    };
    // Status active: R8 (pending external) is about changing a user, not about what they hold.
    const problems = doc.users.flatMap((user, index) => {
      const calling = { locationId: 'loc-bench', extension: String(10_000 + index) };
      const verdict = evaluate({
        ctx,
        actorRole: 'admin',
        intent: 'apply',
        user: { ...user, status: 'active', licenseIds: [], attendeeOf: [] },
        change: {
          addLicenseIds: user.licenseIds,
          removeLicenseIds: [],
          addAttendeeSites: user.attendeeOf,
          removeAttendeeSites: [],
          ...(doc.licenses.some((l) => l.service === 'calling' && user.licenseIds.includes(l.id)) ? { calling } : {}),
        },
      });
      const codes = [...verdict.violations, ...verdict.autoChanges].map((f) => f.code);
      return codes.length > 0 ? [`${user.email}: ${codes.join(', ')}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
