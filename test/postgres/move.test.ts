// `npm run store:migrate` both ways: a data file and its audit log into PostgreSQL and back,
// compared on both sides; a target that already holds an org is refused and nothing changes.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, verifyAuditFile } from '../../src/store/index.js';
import { openPgStore } from '../../src/store/postgres/index.js';
import { fileToPostgres, postgresToFile } from '../../src/store/postgres/move.js';
import { auditFor, buildOrg, makeRequest, tempStorePaths } from '../helpers/store-fixtures.js';
import { havePostgres, throwawayDatabase } from '../helpers/postgres.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe.skipIf(!havePostgres)('moving the desk in and out of PostgreSQL', () => {
  it('file → PostgreSQL → file: the same org and the same verified audit chain; the database goes on from there', async () => {
    const paths = tempStorePaths();
    const store = await openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile, seed: () => buildOrg({ users: 20 }) });
    const user = store.user('user-3')!;
    await store.commit({ mutations: [{ type: 'user.assign', userId: user.id, expectedRev: user.rev, licenseIds: ['lic-msg'], attendeeOf: [] }, { type: 'request.put', request: makeRequest('r-1') }], audit: [auditFor(user.id)] });
    await store.audit([auditFor('user-4', 'x')]);
    const users = store.userCount();
    await store.close();
    const db = await throwawayDatabase();
    cleanups.push(db.drop);

    const into = await fileToPostgres({ dataFile: paths.dataFile, auditFile: paths.auditFile, url: db.url });
    expect(into).toEqual({ users, auditLines: 2, auditSeq: 2 });
    const pgStore = await openPgStore({ url: db.url, pollMs: 0 });
    expect(pgStore.user(user.id)!.licenseIds).toEqual(['lic-msg']);
    expect(pgStore.request('r-1')!.number).toBe(1);
    await pgStore.audit([auditFor(user.id, 'after the move')]);
    expect((await pgStore.history(user.id, { offset: 0, limit: 10 })).total).toBe(2);
    await pgStore.close();
    await expect(fileToPostgres({ dataFile: paths.dataFile, auditFile: paths.auditFile, url: db.url })).rejects.toThrow(/already holds an org/);

    const back = tempStorePaths('store-back-');
    const out = await postgresToFile({ url: db.url, dataFile: back.dataFile, auditFile: back.auditFile });
    expect(out).toEqual({ users, auditLines: 3, auditSeq: 3 });
    expect((await verifyAuditFile(back.auditFile)).ok).toBe(true);
    const reopened = await openStore({ dataFile: back.dataFile, auditFile: back.auditFile });
    expect(reopened.user(user.id)!.licenseIds).toEqual(['lic-msg']);
    expect(reopened.auditHead().seq).toBe(3);
    await reopened.close();
    await expect(postgresToFile({ url: db.url, dataFile: back.dataFile, auditFile: back.auditFile })).rejects.toThrow(/exists; move it away/);
  });

  it('the command line: usage without --from/--to; a move reported in one line', async () => {
    const usage = spawnSync('npx', ['tsx', 'scripts/store-migrate.ts'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run store:migrate');
    const paths = tempStorePaths();
    await (await openStore({ dataFile: paths.dataFile, auditFile: paths.auditFile, seed: () => buildOrg({ users: 3 }) })).close();
    const db = await throwawayDatabase();
    cleanups.push(db.drop);
    const run = spawnSync('npx', ['tsx', 'scripts/store-migrate.ts', '--from', paths.dataFile, '--to', db.url, '--audit', paths.auditFile], { encoding: 'utf8', env: { ...process.env, WEBEX_BOT_TOKEN: '' } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/moved .* → postgres:\/\/desk:\*\*\*@.*: \d+ users, 0 audit lines/);
    expect(existsSync(paths.dataFile) && readFileSync(paths.dataFile).length).toBeGreaterThan(0);
  });
});
