// The one logger (winston). Readable lines in development, one JSON object a line in
// production. Every line written while an event is handled carries that event's id:
// the transport wraps its handler in withEventContext(eventId, fn), and a winston
// format reads the id from AsyncLocalStorage, so no one has to pass it around.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Writable } from 'node:stream';
import winston from 'winston';
import { LOG_LEVELS, type LogLevel } from './config.js';

interface EventContext {
  eventId: string;
}

const eventContext = new AsyncLocalStorage<EventContext>();

/** Run fn (sync or async) so that every log line written inside it carries eventId. */
export function withEventContext<T>(eventId: string, fn: () => T): T {
  return eventContext.run({ eventId }, fn);
}

/** The id of the event being handled, if any. */
export function currentEventId(): string | undefined {
  return eventContext.getStore()?.eventId;
}

const addEventId = winston.format((info) => {
  const eventId = currentEventId();
  if (eventId !== undefined && info.eventId === undefined) info.eventId = eventId;
  return info;
});

/** "2026-11-27T22:30:00.123Z info  [evt-1] store opened users=50" */
const readableLine = winston.format.printf((info) => {
  const { timestamp, level, message, eventId, stack, ...rest } = info as Record<string, unknown>;
  const context = eventId === undefined ? '' : ` [${String(eventId)}]`;
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const text = `${String(timestamp)} ${String(level).padEnd(5)}${context} ${String(message)}${fields ? ` ${fields}` : ''}`;
  return typeof stack === 'string' ? `${text}\n${stack}` : text;
});

export interface LoggerOptions {
  level?: LogLevel;
  /** One JSON object a line (production) instead of readable lines. */
  json?: boolean;
  /** Where lines go; stdout when not given. Tests pass their own stream. */
  stream?: Writable;
  silent?: boolean;
}

function formatFor(json: boolean): winston.Logform.Format {
  const common = [addEventId(), winston.format.errors({ stack: true }), winston.format.timestamp()];
  return json
    ? winston.format.combine(...common, winston.format.json())
    : winston.format.combine(...common, readableLine);
}

function transportFor(stream: Writable | undefined): winston.transport {
  return stream ? new winston.transports.Stream({ stream }) : new winston.transports.Console();
}

/** A logger of its own, e.g. for a test that reads the lines back. */
export function createLogger(options: LoggerOptions = {}): winston.Logger {
  return winston.createLogger({
    levels: winston.config.npm.levels,
    level: options.level ?? 'info',
    format: formatFor(options.json ?? false),
    transports: [transportFor(options.stream)],
    silent: options.silent ?? false,
  });
}

function initialLevel(): LogLevel {
  const level = process.env.LOG_LEVEL?.trim();
  return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LogLevel) : 'info';
}

/** The app's logger. Quiet under vitest unless LOG_LEVEL is set, so test output stays readable. */
export const logger: winston.Logger = createLogger({
  level: initialLevel(),
  json: process.env.NODE_ENV === 'production',
  silent: process.env.VITEST !== undefined && !process.env.LOG_LEVEL,
});

export function setLogLevel(level: LogLevel): void {
  logger.level = level;
}

/** Called once by main with the parsed config. */
export function configureLogger(options: { level: LogLevel; json: boolean }): void {
  logger.configure({
    levels: winston.config.npm.levels,
    level: options.level,
    format: formatFor(options.json),
    transports: [transportFor(undefined)],
    silent: logger.silent,
  });
}
