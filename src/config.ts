// The bot's configuration: read from the environment once, parsed with zod at the
// edge, handed to the rest of the app as a typed, frozen object. A bad value stops
// the bot with a message that names the variable and says what is wrong.
import { existsSync } from 'node:fs';
import { z } from 'zod';

export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const BOT_LOCALES = ['en', 'nl'] as const;
export const RECLAIM_REPORTS = ['off', 'weekly'] as const;

/** The variables we read, in the order problems are reported. */
export const CONFIG_VARIABLES = [
  'WEBEX_BOT_TOKEN',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
  'PORT',
  'DATA_FILE',
  'DATABASE_URL',
  'REPLICA_LEASE_SECONDS',
  'AUDIT_FILE',
  'ADMIN_EMAILS',
  'HELPDESK_EMAILS',
  'APPROVALS_ROOM_ID',
  'HELPDESK_ROOM_ID',
  'HELPDESK_REMIND_HOURS',
  'BOT_LOCALE',
  'LOG_LEVEL',
  'REQUEST_EXPIRY_DAYS',
  'UNDO_DAYS',
  'RECLAIM_REPORT',
  'DESK_CLOCK_OFFSET_DAYS',
  'MAX_EVENTS_IN_FLIGHT',
  'MAX_EVENTS_PER_ROOM',
  'WEBHOOK_MAX_PENDING_BODIES',
  'WEBEX_ADMIN_TOKEN',
  'WEBEX_ADMIN_CLIENT_ID',
  'WEBEX_ADMIN_CLIENT_SECRET',
  'WEBEX_ADMIN_REFRESH_TOKEN',
  'SYNC_INTERVAL_MINUTES',
  'NODE_ENV',
] as const;
type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Values we never echo back in an error message. */
const SECRET_VARIABLES: ReadonlySet<ConfigVariable> = new Set(['WEBEX_BOT_TOKEN', 'WEBHOOK_SECRET', 'DATABASE_URL', 'WEBEX_ADMIN_TOKEN', 'WEBEX_ADMIN_CLIENT_SECRET', 'WEBEX_ADMIN_REFRESH_TOKEN']);

const SERVICE_APP_VARIABLES = ['WEBEX_ADMIN_CLIENT_ID', 'WEBEX_ADMIN_CLIENT_SECRET', 'WEBEX_ADMIN_REFRESH_TOKEN'] as const;

/** The admin connection (a second identity: it reads and changes the org; the bot token cannot). */
export type AdminConnectionConfig =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'serviceApp'; readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string };

export interface Config {
  /** "local": no token, the embedded emulator and playground. "webex": a real Webex org. */
  readonly mode: 'local' | 'webex';
  readonly webexBotToken: string | undefined;
  /** Set: webhook mode. Unset: websocket mode (with a token). */
  readonly webhookUrl: string | undefined;
  readonly webhookSecret: string | undefined;
  readonly port: number;
  readonly dataFile: string;
  /** Set: the store is PostgreSQL (one or several replicas); DATA_FILE is not used. */
  readonly databaseUrl: string | undefined;
  /** With DATABASE_URL: how long the replica running the singletons holds its lease without renewing it. */
  readonly replicaLeaseSeconds: number;
  readonly auditFile: string;
  /** Lower-cased, de-duplicated. */
  readonly adminEmails: readonly string[];
  readonly helpdeskEmails: readonly string[];
  readonly approvalsRoomId: string | undefined;
  /** Where people's own asks go (unset: 1:1 to each helpdesk agent). */
  readonly helpdeskRoomId: string | undefined;
  /** Hours before an ask nobody took is posted again, once. */
  readonly helpdeskRemindHours: number;
  readonly botLocale: 'en' | 'nl';
  readonly logLevel: LogLevel;
  readonly requestExpiryDays: number;
  readonly undoDays: number;
  /** "weekly": licenses to win back, every Monday 08:00 UTC, to APPROVALS_ROOM_ID or each admin 1:1. */
  readonly reclaimReport: (typeof RECLAIM_REPORTS)[number];
  /** Days the desk's clock runs ahead (demos, black-box tests): expiry and undo windows; audit times stay real. */
  readonly deskClockOffsetDays: number;
  /** Past these the bot sheds load (503 to Webex, or "try again" to the person) instead of queueing. */
  readonly limits: { readonly eventsInFlight: number; readonly eventsPerRoom: number; readonly pendingWebhookBodies: number };
  /** Webex mode: from WEBEX_ADMIN_*; unset: changes are saved in the desk only. Local mode: the emulator's. */
  readonly adminConnection: AdminConnectionConfig | undefined;
  readonly syncIntervalMinutes: number;
  readonly nodeEnv: string;
  readonly isProduction: boolean;
}

/** A configuration problem, one per bad variable, named in the message. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; problem: string }[]) {
    super(
      ['Invalid configuration:', ...problems.map((p) => `  ${p.variable}: ${p.problem}`)].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const emailSchema = z.email();

/** A comma-separated list of emails; each one is checked so the message can name the bad one. */
const emailList = z.string().transform((text, ctx) => {
  const emails = text
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.length > 0);
  for (const email of emails) {
    if (!emailSchema.safeParse(email).success) {
      ctx.addIssue({
        code: 'custom',
        message: `'${email}' is not a valid email address (expected a comma-separated list like a@acme.example,b@acme.example)`,
      });
    }
  }
  return [...new Set(emails)];
});

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, { message: what })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: what }).max(max, { message: what }));

const EnvSchema = z
  .object({
    WEBEX_BOT_TOKEN: z.string().optional(),
    WEBHOOK_URL: z
      .url({
        protocol: /^https?$/,
        message: 'must be an http(s) URL where Webex can reach the bot, e.g. https://bot.acme.example/webhook',
      })
      .optional(),
    WEBHOOK_SECRET: z
      .string()
      .min(16, { message: 'must be at least 16 characters (it signs every webhook call)' })
      .optional(),
    PORT: wholeNumber(1, 65535, 'must be a whole number between 1 and 65535').default(3000),
    DATA_FILE: z.string().default('data/db.json'),
    REPLICA_LEASE_SECONDS: wholeNumber(2, 300, 'must be a whole number of seconds between 2 and 300').default(15),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// (or postgresql://) URL').optional(),
    AUDIT_FILE: z.string().default('data/audit.log'),
    ADMIN_EMAILS: emailList.default([]),
    HELPDESK_EMAILS: emailList.default([]),
    APPROVALS_ROOM_ID: z.string().optional(),
    HELPDESK_ROOM_ID: z.string().optional(),
    HELPDESK_REMIND_HOURS: wholeNumber(1, 720, 'must be a whole number of hours between 1 and 720').default(8),
    BOT_LOCALE: z.enum(BOT_LOCALES, { message: `must be one of ${BOT_LOCALES.join(', ')}` }).default('en'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    REQUEST_EXPIRY_DAYS: wholeNumber(1, 365, 'must be a whole number of days between 1 and 365').default(7),
    UNDO_DAYS: wholeNumber(1, 365, 'must be a whole number of days between 1 and 365').default(30),
    RECLAIM_REPORT: z.enum(RECLAIM_REPORTS, { message: `must be one of ${RECLAIM_REPORTS.join(', ')}` }).default('off'),
    DESK_CLOCK_OFFSET_DAYS: wholeNumber(0, 3650, 'must be a whole number of days between 0 and 3650').default(0),
    MAX_EVENTS_IN_FLIGHT: wholeNumber(1, 100_000, 'must be a whole number between 1 and 100000').default(200),
    MAX_EVENTS_PER_ROOM: wholeNumber(1, 10_000, 'must be a whole number between 1 and 10000').default(20),
    WEBHOOK_MAX_PENDING_BODIES: wholeNumber(1, 10_000, 'must be a whole number between 1 and 10000').default(32),
    WEBEX_ADMIN_TOKEN: z.string().optional(),
    WEBEX_ADMIN_CLIENT_ID: z.string().optional(),
    WEBEX_ADMIN_CLIENT_SECRET: z.string().optional(),
    WEBEX_ADMIN_REFRESH_TOKEN: z.string().optional(),
    SYNC_INTERVAL_MINUTES: wholeNumber(0, 1440, 'must be a whole number of minutes between 0 (off) and 1440').default(15),
    NODE_ENV: z.string().default('development'),
  })
  .superRefine((env, ctx) => {
    if (env.WEBHOOK_URL !== undefined && env.WEBHOOK_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'is required when WEBHOOK_URL is set (at least 16 characters; Webex signs each call with it)',
      });
    }
    const serviceApp = SERVICE_APP_VARIABLES.filter((name) => env[name] !== undefined);
    if (serviceApp.length > 0 && serviceApp.length < SERVICE_APP_VARIABLES.length) {
      for (const name of SERVICE_APP_VARIABLES.filter((n) => env[n] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is required with ${serviceApp.join(' and ')} (a Service App needs its client id, client secret and refresh token)` });
      }
    }
    if (env.DATABASE_URL !== undefined && env.WEBEX_BOT_TOKEN !== undefined && env.WEBHOOK_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'needs webhook mode (set WEBHOOK_URL and WEBHOOK_SECRET): in websocket mode each replica would register its own device and every replica would get every event',
      });
    }
    if (serviceApp.length > 0 && env.WEBEX_ADMIN_TOKEN !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['WEBEX_ADMIN_TOKEN'], message: 'set either WEBEX_ADMIN_TOKEN or the Service App (WEBEX_ADMIN_CLIENT_ID, _SECRET, _REFRESH_TOKEN), not both' });
    }
    if ((serviceApp.length > 0 || env.WEBEX_ADMIN_TOKEN !== undefined) && env.WEBEX_BOT_TOKEN === undefined) {
      ctx.addIssue({ code: 'custom', path: [env.WEBEX_ADMIN_TOKEN !== undefined ? 'WEBEX_ADMIN_TOKEN' : 'WEBEX_ADMIN_CLIENT_ID'], message: 'is set but WEBEX_BOT_TOKEN is not: local mode (no bot token) uses the emulator\'s org; set WEBEX_BOT_TOKEN too to use a real org' });
    }
  });

/** Empty or blank values count as unset, so `PORT=` in a .env file means "use the default". */
function readVariables(env: NodeJS.ProcessEnv): Partial<Record<ConfigVariable, string>> {
  const values: Partial<Record<ConfigVariable, string>> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) values[name] = value;
  }
  return values;
}

function describeProblem(variable: ConfigVariable, message: string, raw: string | undefined): string {
  if (raw === undefined || SECRET_VARIABLES.has(variable)) return message;
  // Email problems already quote the bad entry.
  if (variable === 'ADMIN_EMAILS' || variable === 'HELPDESK_EMAILS') return message;
  return `${message}, got '${raw}'`;
}

/** Parse the environment into a Config. Pure: it does not read .env (see loadDotEnv). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = readVariables(env);
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment') as ConfigVariable;
      return { variable, problem: describeProblem(variable, issue.message, raw[variable]) };
    });
    problems.sort((a, b) => CONFIG_VARIABLES.indexOf(a.variable as ConfigVariable) - CONFIG_VARIABLES.indexOf(b.variable as ConfigVariable));
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return Object.freeze({
    mode: e.WEBEX_BOT_TOKEN ? 'webex' : 'local',
    webexBotToken: e.WEBEX_BOT_TOKEN,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
    dataFile: e.DATA_FILE,
    databaseUrl: e.DATABASE_URL,
    replicaLeaseSeconds: e.REPLICA_LEASE_SECONDS,
    auditFile: e.AUDIT_FILE,
    adminEmails: Object.freeze(e.ADMIN_EMAILS),
    helpdeskEmails: Object.freeze(e.HELPDESK_EMAILS),
    approvalsRoomId: e.APPROVALS_ROOM_ID,
    helpdeskRoomId: e.HELPDESK_ROOM_ID,
    helpdeskRemindHours: e.HELPDESK_REMIND_HOURS,
    botLocale: e.BOT_LOCALE,
    logLevel: e.LOG_LEVEL,
    requestExpiryDays: e.REQUEST_EXPIRY_DAYS,
    undoDays: e.UNDO_DAYS,
    reclaimReport: e.RECLAIM_REPORT,
    deskClockOffsetDays: e.DESK_CLOCK_OFFSET_DAYS,
    limits: Object.freeze({ eventsInFlight: e.MAX_EVENTS_IN_FLIGHT, eventsPerRoom: e.MAX_EVENTS_PER_ROOM, pendingWebhookBodies: e.WEBHOOK_MAX_PENDING_BODIES }),
    adminConnection: adminConnectionOf(e),
    syncIntervalMinutes: e.SYNC_INTERVAL_MINUTES,
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
  } satisfies Config);
}

function adminConnectionOf(e: z.infer<typeof EnvSchema>): AdminConnectionConfig | undefined {
  if (e.WEBEX_ADMIN_TOKEN) return Object.freeze({ kind: 'token', token: e.WEBEX_ADMIN_TOKEN });
  if (e.WEBEX_ADMIN_CLIENT_ID && e.WEBEX_ADMIN_CLIENT_SECRET && e.WEBEX_ADMIN_REFRESH_TOKEN) {
    return Object.freeze({ kind: 'serviceApp', clientId: e.WEBEX_ADMIN_CLIENT_ID, clientSecret: e.WEBEX_ADMIN_CLIENT_SECRET, refreshToken: e.WEBEX_ADMIN_REFRESH_TOKEN });
  }
  return undefined;
}

/** Load `.env` from the working folder if there is one; real environment variables win. */
export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

/** For main: .env, then the environment; on a bad value print why and exit 2. */
export function configFromEnvOrExit(): Config {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\nFix the variable(s) above in your environment or .env (see .env.example).\n`);
    process.exit(2);
  }
}
