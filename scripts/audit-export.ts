// npm run audit:export -- --from <date> --to <date> [--out file.csv]
// The audit trail between two dates as CSV for the compliance team: one row per line with
// time, seq, actor, action, target, before, after, rule codes, request id, event id and hash.
// Dates are YYYY-MM-DD (whole days, UTC) or ISO times; both ends are included. The hash
// chain is verified first: a broken chain is named and nothing is exported.
// Reads AUDIT_FILE (default data/audit.log) without the store's lock, so the bot may run.
import { createReadStream } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../src/store/index.js';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { configFromEnvOrExit } from '../src/config.js';
import { AuditEntrySchema, type AuditEntry } from '../src/domain/index.js';
import { verifyAuditFile } from '../src/store/index.js';

const USAGE = 'usage: npm run audit:export -- --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--out file.csv]';

export const COLUMNS = ['time', 'seq', 'actor', 'actor_id', 'action', 'target', 'target_id', 'before', 'after', 'codes', 'request_id', 'event_id', 'hash'] as const;

export class UsageError extends Error {}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The calendar day exists (2026-02-30 does not; Date.parse would roll it into March). */
const realDay = (s: string): boolean => {
  const day = new Date(`${s.slice(0, 10)}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === s.slice(0, 10);
};
const DateArg = z.string().refine((s) => (DAY.test(s) || ISO_TIME.test(s)) && realDay(s) && !Number.isNaN(Date.parse(s)));

/** A --from/--to value as an instant: a day starts at 00:00 UTC (from) or ends at 24:00 UTC (to, exclusive). */
export function parseDate(name: 'from' | 'to', value: string | undefined): number {
  if (value === undefined) throw new UsageError(`--${name} is missing\n${USAGE}`);
  if (!DateArg.safeParse(value).success) throw new UsageError(`--${name} "${value}" is not a date: use YYYY-MM-DD (e.g. 2026-11-27) or an ISO time (2026-11-27T10:00:00Z)`);
  const start = Date.parse(DAY.test(value) ? `${value}T00:00:00.000Z` : value);
  return name === 'to' && DAY.test(value) ? start + 24 * 60 * 60 * 1000 : start;
}

const assignment = (a: AuditEntry['before']): string => (a ? [...a.licenseIds, ...a.attendeeOf.map((s) => `attendee:${s}`)].join(';') : '');

export function rowOf(entry: AuditEntry): string[] {
  return [
    entry.time,
    String(entry.seq),
    entry.actorEmail,
    entry.actorId,
    entry.action,
    entry.targetEmail ?? '',
    entry.targetUserId ?? '',
    assignment(entry.before),
    assignment(entry.after),
    entry.codes.join(';'),
    entry.requestId ?? '',
    entry.eventId ?? '',
    entry.hash,
  ];
}

/** The CSV text of the lines with from <= time < to (to already moved past a whole day). */
export async function auditCsv(options: { file: string; from: number; to: number }): Promise<{ csv: string; rows: number; lines: number }> {
  const verdict = await verifyAuditFile(options.file);
  if (!verdict.ok) throw new Error(`${options.file}: line ${verdict.line} is bad: ${verdict.reason}. Nothing exported; run npm run audit:verify`);
  const rows: string[][] = [];
  const lines = createInterface({ input: createReadStream(options.file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const entry = AuditEntrySchema.parse(JSON.parse(line));
    const time = Date.parse(entry.time);
    if (time >= options.from && time < options.to) rows.push(rowOf(entry));
  }
  return { csv: stringify([[...COLUMNS], ...rows]), rows: rows.length, lines: verdict.lines };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } }, allowPositionals: false });
  const from = parseDate('from', values.from);
  const to = parseDate('to', values.to);
  if (from >= to) throw new UsageError(`--from ${values.from} is after --to ${values.to}\n${USAGE}`);
  const file = configFromEnvOrExit().auditFile; // as the bot reads it: .env included, empty = default
  const { csv, rows, lines } = await auditCsv({ file, from, to });
  if (!values.out) {
    process.stdout.write(csv);
    return;
  }
  const temp = `${values.out}.${process.pid}.tmp`;
  await writeFile(temp, csv, { mode: PRIVATE_FILE_MODE });
  await rename(temp, values.out);
  console.error(`Wrote ${rows} of ${lines} audit lines (${values.from} to ${values.to}) to ${values.out}; hash chain verified`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
  });
}
