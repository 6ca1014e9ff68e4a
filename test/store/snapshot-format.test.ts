// The snapshot the store writes: compact ASCII JSON in slices, ending with a checksum of
// its bytes. A snapshot whose checksum holds is trusted at load (no zod); a hand-edited
// one is validated in full, as every outside file is. Writing a large org keeps the
// event loop running (asserted loosely; the real figure is in npm run bench).
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrgDocumentSchema, type OrgDocument } from '../../src/domain/index.js';
import { DurableJsonFile, inspectSnapshot } from '../../src/store/durable-json-file.js';
import { nodeFileOps, openStore, StoreLoadError, type FileOps } from '../../src/store/index.js';
import { generateOrg } from '../../bench/generate-org.js';
import { buildOrg, makeUser, tempStorePaths, writeOrgFile } from '../helpers/store-fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** An org with accents (non-ASCII) in names, written by the store through a seed. */
async function storeWrittenOrg(): Promise<{ paths: ReturnType<typeof tempStorePaths>; org: OrgDocument }> {
  const org = buildOrg({ users: 30 });
  org.users.push(makeUser(99, { id: 'user-accents', displayName: 'Zoë Ångström-Müller 😀', email: 'zoe.angstrom@acme.example' }));
  const paths = tempStorePaths('snapshot-format-');
  await (await openStore({ ...paths, seed: () => org })).close();
  return { paths, org };
}

describe('the snapshot the store writes', () => {
  it('is compact ASCII JSON ending with a checksum that holds', async () => {
    const { paths, org } = await storeWrittenOrg();
    const bytes = fs.readFileSync(paths.dataFile);
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(bytes.toString('latin1')).not.toContain('\n  ');
    expect(inspectSnapshot(bytes).trusted).toBe(true);
    const { storeChecksum, ...document } = JSON.parse(bytes.toString('utf8')) as OrgDocument & { storeChecksum: string };
    expect(storeChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(document).toEqual({ ...org, position: { auditSeq: 0, auditHash: '0'.repeat(64) } }); // a new store holds no audit line yet
  });

  it('is read without zod when its checksum holds', async () => {
    const { paths, org } = await storeWrittenOrg();
    const validate = vi.spyOn(OrgDocumentSchema, 'safeParse');
    const store = await openStore(paths);
    try {
      expect(validate).not.toHaveBeenCalled();
      expect(store.user('user-accents')?.displayName).toBe('Zoë Ångström-Müller 😀');
      expect(store.userCount()).toBe(org.users.length);
    } finally {
      await store.close();
    }
  });

  it('is validated in full after a hand edit, and a wrong shape is refused as before', async () => {
    const { paths } = await storeWrittenOrg();
    const original = fs.readFileSync(paths.dataFile, 'latin1');
    // One byte changed, still valid JSON, still a valid document: zod runs and it opens.
    const renamed = original.replace('"displayName":"Alice Martin"', '"displayName":"Alice Marton"');
    expect(renamed).not.toBe(original);
    fs.writeFileSync(paths.dataFile, renamed);
    expect(inspectSnapshot(fs.readFileSync(paths.dataFile)).trusted).toBe(false);
    const validate = vi.spyOn(OrgDocumentSchema, 'safeParse');
    const store = await openStore(paths);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(store.user('user-0')?.displayName).toBe('Alice Marton');
    await store.close();

    // A wrong shape with the checksum line left in place: refused, the file untouched.
    const afterClose = fs.readFileSync(paths.dataFile, 'latin1');
    const broken = afterClose.replace('"rev":0', '"rev":-1');
    expect(broken).not.toBe(afterClose);
    fs.writeFileSync(paths.dataFile, broken);
    const error = await openStore(paths).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as StoreLoadError).problem).toMatch(/wrong shape: users\[\d+\]\.rev/);
    expect(fs.readFileSync(paths.dataFile, 'latin1')).toBe(broken);
  });

  it('reads an outside (indented, unchecksummed) file with full validation', async () => {
    const paths = tempStorePaths('snapshot-format-');
    writeOrgFile(paths.dataFile, buildOrg());
    const validate = vi.spyOn(OrgDocumentSchema, 'safeParse');
    const store = await openStore(paths);
    expect(validate).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('writes 50,000 users in slices with the event loop running, and reads back the same document', async () => {
    const org = generateOrg({ users: 50_000 });
    const paths = tempStorePaths('snapshot-format-');
    let writes = 0;
    const fsCounting: FileOps = {
      ...nodeFileOps,
      async open(file, flags) {
        const handle = await nodeFileOps.open(file, flags);
        if (!file.includes('.tmp-')) return handle;
        return { ...bind(handle), write: (...args) => ((writes += 1), handle.write(...args)) };
      },
    };
    const snapshot = new DurableJsonFile({ file: paths.dataFile, fs: fsCounting });

    let longest = 0;
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (ticking) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    longest = 0;
    await snapshot.write(org);
    ticking = false;

    expect(writes).toBeGreaterThan(20); // ~18 MB in pieces of ~256 kB
    expect(longest).toBeLessThan(150); // loose: a loaded CI box; the bench measures the real figure
    const back = await new DurableJsonFile({ file: paths.dataFile, fs: nodeFileOps }).read();
    expect(back).toEqual(org);
    expect(JSON.parse(fs.readFileSync(paths.dataFile, 'latin1'))).toEqual({ ...JSON.parse(JSON.stringify(org)), storeChecksum: expect.any(String) });
  }, 60_000);
});

function bind<T extends object>(handle: T): T {
  const bound = {} as Record<string, unknown>;
  for (const key of ['write', 'read', 'sync', 'truncate', 'stat', 'close']) {
    const method = (handle as Record<string, unknown>)[key] as (...args: unknown[]) => unknown;
    bound[key] = method.bind(handle);
  }
  return bound as T;
}
