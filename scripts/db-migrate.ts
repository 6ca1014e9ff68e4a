// `npm run db:migrate`: create or bring up to date the desk's tables in DATABASE_URL (the bot also does this at every start).
import pg from 'pg';
import { configFromEnvOrExit } from '../src/config.js';
import { MIGRATIONS, migrate, safeUrl } from '../src/store/postgres/index.js';

const config = configFromEnvOrExit();
if (!config.databaseUrl) {
  console.error('db:migrate: DATABASE_URL is not set (postgres://user:password@host:5432/database)');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: config.databaseUrl });
try {
  const applied = await migrate(pool);
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  console.log(applied.length > 0 ? `${safeUrl(config.databaseUrl)}: applied migration ${applied.join(', ')}; schema at version ${newest}` : `${safeUrl(config.databaseUrl)}: schema already at version ${newest}`);
} catch (error) {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
