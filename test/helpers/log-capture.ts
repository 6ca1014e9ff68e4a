// The app logger's lines as an operator reads them (the readable format), captured for one
// test: the logger is quiet under vitest, so this takes its transports' place until stop().
import { Writable } from 'node:stream';
import winston from 'winston';
import { logger } from '../../src/logger.js';

export interface LogCapture {
  lines(): string[];
  stop(): void;
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
      done();
    },
  });
  const capture = new winston.transports.Stream({ stream });
  const before = { transports: [...logger.transports], silent: logger.silent, level: logger.level };
  for (const transport of before.transports) logger.remove(transport);
  logger.add(capture);
  logger.silent = false;
  logger.level = 'info';
  return {
    lines: () => [...lines],
    stop() {
      logger.remove(capture);
      for (const transport of before.transports) logger.add(transport);
      logger.silent = before.silent;
      logger.level = before.level;
    },
  };
}
