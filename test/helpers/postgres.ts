// A real PostgreSQL for the tests: TEST_DATABASE_URL (default: the local server as .ci/run sets it
// up), a throwaway database per test file. Without a server the tests skip with one line, unless
// REQUIRE_POSTGRES=1 (CI), where that is a failure.
import pg from 'pg';
import { createThrowawayDatabase } from './throwaway-db.js';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://desk:desk@127.0.0.1:5432/postgres';

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable();
export const havePostgres = problem === undefined;
if (!havePostgres) {
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${SERVER_URL.replace(/:[^:@/]*@/, ':***@')}: ${problem}`);
  console.warn(`PostgreSQL tests skipped: no server at ${SERVER_URL.replace(/:[^:@/]*@/, ':***@')} (${problem}); set TEST_DATABASE_URL, or see .ci/run`);
}

/** A new, empty database on the test server; drop() removes it (connections are ended first). */
export const throwawayDatabase = (): Promise<{ url: string; drop(): Promise<void> }> => createThrowawayDatabase(SERVER_URL);
