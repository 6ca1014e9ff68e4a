import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger, currentEventId, logger, setLogLevel, withEventContext } from '../../src/logger.js';

function capture(options: { json: boolean }) {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const log = createLogger({ ...options, stream, level: 'debug' });
  return { log, lines };
}

describe('logger', () => {
  it('writes one JSON object a line in production format, with the event id of the event being handled', async () => {
    const { log, lines } = capture({ json: true });
    await withEventContext('evt-42', async () => {
      log.info('card sent', { roomId: 'room-1' });
      await sleep(1); // across an await the id must still be there
      log.warn('retrying');
    });
    log.info('outside any event');
    await sleep(5);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ level: 'info', message: 'card sent', roomId: 'room-1', eventId: 'evt-42' });
    expect(records[1]).toMatchObject({ level: 'warn', message: 'retrying', eventId: 'evt-42' });
    expect(records[2]).not.toHaveProperty('eventId');
    expect(typeof records[0]?.timestamp).toBe('string');
  });

  it('keeps the ids of two concurrent events apart', async () => {
    const { log, lines } = capture({ json: true });
    const handle = (id: string, wait: number) =>
      withEventContext(id, async () => {
        await sleep(wait);
        log.info(`handled ${id}`);
      });
    await Promise.all([handle('evt-a', 10), handle('evt-b', 1)]);
    await sleep(5);
    const byMessage = new Map(lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((r) => [r.message, r.eventId]));
    expect(byMessage.get('handled evt-a')).toBe('evt-a');
    expect(byMessage.get('handled evt-b')).toBe('evt-b');
  });

  it('writes readable lines in development, naming the event and the fields', async () => {
    const { log, lines } = capture({ json: false });
    withEventContext('evt-7', () => log.info('store opened', { users: 50 }));
    await sleep(5);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ info +\[evt-7\] store opened users=50$/);
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
  });

  it('reports the current event id and none outside an event', () => {
    expect(currentEventId()).toBeUndefined();
    expect(withEventContext('evt-9', () => currentEventId())).toBe('evt-9');
  });

  it('keeps the app logger quiet under vitest unless LOG_LEVEL is set, and lets the level change', () => {
    expect(logger.silent).toBe(!process.env.LOG_LEVEL);
    const before = logger.level;
    try {
      setLogLevel('debug');
      expect(logger.isDebugEnabled()).toBe(true);
      setLogLevel('warn');
      expect(logger.isInfoEnabled()).toBe(false);
      expect(logger.isWarnEnabled()).toBe(true);
    } finally {
      logger.level = before;
    }
  });
});
