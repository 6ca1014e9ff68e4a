import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDotEnv } from '../../src/config.js';

/** The message loadConfig throws for env, or a failure if it does not throw. */
function problemFor(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the defaults when nothing is set, in local mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'local',
      webexBotToken: undefined,
      port: 3000,
      dataFile: 'data/db.json',
      auditFile: 'data/audit.log',
      adminEmails: [],
      helpdeskEmails: [],
      botLocale: 'en',
      logLevel: 'info',
      requestExpiryDays: 7,
      reclaimReport: 'off',
      isProduction: false,
    });
  });

  it('treats empty and blank values as unset, as a copied .env.example leaves them', () => {
    const config = loadConfig({ WEBEX_BOT_TOKEN: '', PORT: '', BOT_LOCALE: '  ', ADMIN_EMAILS: '', WEBHOOK_URL: '' });
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3000);
    expect(config.botLocale).toBe('en');
    expect(config.adminEmails).toEqual([]);
    expect(config.webhookUrl).toBeUndefined();
  });

  it('reads every variable when set', () => {
    const config = loadConfig({
      WEBEX_BOT_TOKEN: 'token-abc',
      WEBHOOK_URL: 'https://bot.acme.example/webhook',
      WEBHOOK_SECRET: '0123456789abcdef',
      PORT: '8080',
      DATA_FILE: '/srv/bot/db.json',
      AUDIT_FILE: '/srv/bot/audit.log',
      DATABASE_URL: 'postgres://desk:secret@db.acme.example:5432/desk',
      REPLICA_LEASE_SECONDS: '10',
      ADMIN_EMAILS: 'Admin@Acme.example, noor.admin@acme.example,admin@acme.example',
      HELPDESK_EMAILS: 'helpdesk@acme.example',
      APPROVALS_ROOM_ID: 'room-approvals',
      HELPDESK_ROOM_ID: 'room-helpdesk',
      HELPDESK_REMIND_HOURS: '4',
      BOT_LOCALE: 'nl',
      LOG_LEVEL: 'debug',
      REQUEST_EXPIRY_DAYS: '14',
      UNDO_DAYS: '10',
      RECLAIM_REPORT: 'weekly',
      DESK_CLOCK_OFFSET_DAYS: '3',
      MAX_EVENTS_IN_FLIGHT: '50',
      MAX_EVENTS_PER_ROOM: '5',
      WEBHOOK_MAX_PENDING_BODIES: '8',
      WEBEX_ADMIN_TOKEN: 'admin-token-xyz',
      SYNC_INTERVAL_MINUTES: '30',
      NODE_ENV: 'production',
    });
    expect(config).toEqual({
      mode: 'webex',
      webexBotToken: 'token-abc',
      webhookUrl: 'https://bot.acme.example/webhook',
      webhookSecret: '0123456789abcdef',
      port: 8080,
      dataFile: '/srv/bot/db.json',
      auditFile: '/srv/bot/audit.log',
      databaseUrl: 'postgres://desk:secret@db.acme.example:5432/desk',
      replicaLeaseSeconds: 10,
      adminEmails: ['admin@acme.example', 'noor.admin@acme.example'],
      helpdeskEmails: ['helpdesk@acme.example'],
      approvalsRoomId: 'room-approvals',
      helpdeskRoomId: 'room-helpdesk',
      helpdeskRemindHours: 4,
      botLocale: 'nl',
      logLevel: 'debug',
      requestExpiryDays: 14,
      undoDays: 10,
      reclaimReport: 'weekly',
      deskClockOffsetDays: 3,
      limits: { eventsInFlight: 50, eventsPerRoom: 5, pendingWebhookBodies: 8 },
      adminConnection: { kind: 'token', token: 'admin-token-xyz' },
      syncIntervalMinutes: 30,
      nodeEnv: 'production',
      isProduction: true,
    });
  });

  it('returns a frozen config', () => {
    const config = loadConfig({ ADMIN_EMAILS: 'admin@acme.example' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.adminEmails)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, "PORT: must be a whole number between 1 and 65535, got 'abc'"],
    [{ PORT: '0' }, "PORT: must be a whole number between 1 and 65535, got '0'"],
    [{ PORT: '65536' }, "PORT: must be a whole number between 1 and 65535, got '65536'"],
    [{ PORT: '80.5' }, "PORT: must be a whole number between 1 and 65535, got '80.5'"],
    [{ WEBHOOK_URL: 'not a url', WEBHOOK_SECRET: '0123456789abcdef' }, "WEBHOOK_URL: must be an http(s) URL"],
    [{ WEBHOOK_URL: 'ftp://bot.acme.example', WEBHOOK_SECRET: '0123456789abcdef' }, "got 'ftp://bot.acme.example'"],
    [{ WEBHOOK_URL: 'https://bot.acme.example/webhook' }, 'WEBHOOK_SECRET: is required when WEBHOOK_URL is set'],
    [{ WEBHOOK_URL: 'https://bot.acme.example/webhook', WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET: must be at least 16 characters'],
    [{ ADMIN_EMAILS: 'admin@acme.example,bob@' }, "ADMIN_EMAILS: 'bob@' is not a valid email address"],
    [{ HELPDESK_EMAILS: 'helpdesk.acme.example' }, "HELPDESK_EMAILS: 'helpdesk.acme.example' is not a valid email address"],
    [{ BOT_LOCALE: 'de' }, "BOT_LOCALE: must be one of en, nl, got 'de'"],
    [{ LOG_LEVEL: 'loud' }, "LOG_LEVEL: must be one of error, warn, info, http, verbose, debug, silly, got 'loud'"],
    [{ REQUEST_EXPIRY_DAYS: '0' }, "REQUEST_EXPIRY_DAYS: must be a whole number of days between 1 and 365, got '0'"],
    [{ REQUEST_EXPIRY_DAYS: '-3' }, 'REQUEST_EXPIRY_DAYS: must be a whole number'],
    [{ REQUEST_EXPIRY_DAYS: 'a week' }, "got 'a week'"],
    [{ UNDO_DAYS: '0' }, "UNDO_DAYS: must be a whole number of days between 1 and 365, got '0'"],
    [{ RECLAIM_REPORT: 'daily' }, "RECLAIM_REPORT: must be one of off, weekly, got 'daily'"],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// (or postgresql://) URL'],
    [{ DATABASE_URL: 'postgres://db/desk', WEBEX_BOT_TOKEN: 'token' }, 'DATABASE_URL: needs webhook mode (set WEBHOOK_URL and WEBHOOK_SECRET)'],
    [{ HELPDESK_REMIND_HOURS: '0' }, "HELPDESK_REMIND_HOURS: must be a whole number of hours between 1 and 720, got '0'"],
    [{ DESK_CLOCK_OFFSET_DAYS: '-1' }, "DESK_CLOCK_OFFSET_DAYS: must be a whole number of days between 0 and 3650, got '-1'"],
    [{ MAX_EVENTS_IN_FLIGHT: '0' }, "MAX_EVENTS_IN_FLIGHT: must be a whole number between 1 and 100000, got '0'"],
    [{ MAX_EVENTS_PER_ROOM: 'lots' }, "MAX_EVENTS_PER_ROOM: must be a whole number between 1 and 10000, got 'lots'"],
    [{ WEBHOOK_MAX_PENDING_BODIES: '20000' }, "WEBHOOK_MAX_PENDING_BODIES: must be a whole number between 1 and 10000, got '20000'"],
  ])('refuses %o with a message naming the variable', (env, expected) => {
    expect(problemFor(env)).toContain(expected);
  });

  it('lists every bad variable at once, one per line', () => {
    const message = problemFor({ PORT: 'abc', BOT_LOCALE: 'fr', LOG_LEVEL: 'loud' });
    const lines = message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1).map((l) => l.trim().split(':')[0])).toEqual(['PORT', 'BOT_LOCALE', 'LOG_LEVEL']);
  });

  it('never echoes a secret value back', () => {
    const message = problemFor({ WEBHOOK_URL: 'https://bot.acme.example/webhook', WEBHOOK_SECRET: 'hunter2' });
    expect(message).toContain('WEBHOOK_SECRET');
    expect(message).not.toContain('hunter2');
  });
});

describe('the admin connection settings', () => {
  const BOT = { WEBEX_BOT_TOKEN: 'bot-token' };
  const APP = { WEBEX_ADMIN_CLIENT_ID: 'client-id', WEBEX_ADMIN_CLIENT_SECRET: 'client-secret-value', WEBEX_ADMIN_REFRESH_TOKEN: 'refresh-token-value' };

  it('reads a Service App (all three variables) and defaults SYNC_INTERVAL_MINUTES to 15', () => {
    const config = loadConfig({ ...BOT, ...APP });
    expect(config.adminConnection).toEqual({ kind: 'serviceApp', clientId: 'client-id', clientSecret: 'client-secret-value', refreshToken: 'refresh-token-value' });
    expect(config.syncIntervalMinutes).toBe(15);
    expect(loadConfig({ ...BOT, SYNC_INTERVAL_MINUTES: '0' }).syncIntervalMinutes).toBe(0);
    expect(loadConfig(BOT).adminConnection).toBeUndefined();
  });

  it.each(['WEBEX_ADMIN_CLIENT_ID', 'WEBEX_ADMIN_CLIENT_SECRET', 'WEBEX_ADMIN_REFRESH_TOKEN'] as const)('a Service App without %s names it and what it is needed with, echoing no secret', (missing) => {
    const env: Record<string, string> = { ...BOT, ...APP };
    delete env[missing];
    const message = problemFor(env);
    expect(message).toContain(`${missing}: is required with`);
    expect(message).toContain('a Service App needs its client id, client secret and refresh token');
    expect(message).not.toContain('client-secret-value');
    expect(message).not.toContain('refresh-token-value');
  });

  it('WEBEX_ADMIN_TOKEN without WEBEX_BOT_TOKEN says that local mode uses the emulator and a real org needs the bot token', () => {
    const message = problemFor({ WEBEX_ADMIN_TOKEN: 'admin-token-secret' });
    expect(message).toContain('WEBEX_ADMIN_TOKEN: is set but WEBEX_BOT_TOKEN is not');
    expect(message).not.toContain('admin-token-secret');
    expect(problemFor(APP)).toContain('WEBEX_ADMIN_CLIENT_ID: is set but WEBEX_BOT_TOKEN is not');
  });

  it('refuses both an admin token and a Service App', () => {
    expect(problemFor({ ...BOT, ...APP, WEBEX_ADMIN_TOKEN: 'admin-token' })).toContain('WEBEX_ADMIN_TOKEN: set either WEBEX_ADMIN_TOKEN or the Service App');
  });

  it.each(['-1', '1441', 'hourly'])('refuses SYNC_INTERVAL_MINUTES=%s', (value) => {
    expect(problemFor({ SYNC_INTERVAL_MINUTES: value })).toContain(`SYNC_INTERVAL_MINUTES: must be a whole number of minutes between 0 (off) and 1440, got '${value}'`);
  });
});

describe('loadDotEnv', () => {
  it('loads a .env file without overriding variables already set', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'config-dotenv-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'LICENSE_DESK_TEST_REAL=from-file\nLICENSE_DESK_TEST_NEW=from-file\n');
    process.env.LICENSE_DESK_TEST_REAL = 'from-environment';
    try {
      expect(loadDotEnv(file)).toBe(true);
      expect(process.env.LICENSE_DESK_TEST_REAL).toBe('from-environment');
      expect(process.env.LICENSE_DESK_TEST_NEW).toBe('from-file');
      expect(loadDotEnv(path.join(dir, 'missing.env'))).toBe(false);
    } finally {
      delete process.env.LICENSE_DESK_TEST_REAL;
      delete process.env.LICENSE_DESK_TEST_NEW;
    }
  });
});

describe('the admin connection (WEBEX_ADMIN_*)', () => {
  const bot = { WEBEX_BOT_TOKEN: 'bot-token' };
  const problems = (env: NodeJS.ProcessEnv): string => {
    try {
      loadConfig(env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('is unset by default: changes are saved in the desk only; the sync runs every 15 minutes', () => {
    const config = loadConfig(bot);
    expect(config.adminConnection).toBeUndefined();
    expect(config.syncIntervalMinutes).toBe(15);
  });

  it('a Service App needs its client id, secret and refresh token together', () => {
    const config = loadConfig({ ...bot, WEBEX_ADMIN_CLIENT_ID: 'cid', WEBEX_ADMIN_CLIENT_SECRET: 'secret', WEBEX_ADMIN_REFRESH_TOKEN: 'refresh' });
    expect(config.adminConnection).toEqual({ kind: 'serviceApp', clientId: 'cid', clientSecret: 'secret', refreshToken: 'refresh' });
    const message = problems({ ...bot, WEBEX_ADMIN_CLIENT_ID: 'cid', WEBEX_ADMIN_CLIENT_SECRET: 'secret-value-never-shown' });
    expect(message).toContain('WEBEX_ADMIN_REFRESH_TOKEN: is required with WEBEX_ADMIN_CLIENT_ID and WEBEX_ADMIN_CLIENT_SECRET');
    expect(message).not.toContain('secret-value-never-shown');
  });

  it('a static token and a Service App at once, or an admin token without a bot token, is refused with the variable named', () => {
    expect(problems({ ...bot, WEBEX_ADMIN_TOKEN: 't', WEBEX_ADMIN_CLIENT_ID: 'c', WEBEX_ADMIN_CLIENT_SECRET: 's', WEBEX_ADMIN_REFRESH_TOKEN: 'r' })).toContain('WEBEX_ADMIN_TOKEN: set either');
    expect(problems({ WEBEX_ADMIN_TOKEN: 'admin-only' })).toContain('WEBEX_ADMIN_TOKEN: is set but WEBEX_BOT_TOKEN is not');
  });

  it('SYNC_INTERVAL_MINUTES is 0 (off) to 1440', () => {
    expect(loadConfig({ SYNC_INTERVAL_MINUTES: '0' }).syncIntervalMinutes).toBe(0);
    expect(problems({ SYNC_INTERVAL_MINUTES: '-5' })).toContain('SYNC_INTERVAL_MINUTES: must be a whole number of minutes between 0 (off) and 1440');
  });
});
