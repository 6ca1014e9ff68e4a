// Checks every mutation's record goes through: valid by its schema, at the version expected.
import type { z } from 'zod';
import { describeIssues } from './durable-json-file.js';
import { ConflictError, InvalidCommitError } from './types.js';

export function checkRev(what: string, id: string, expected: number, actual: number | undefined): void {
  if (actual !== expected) throw new ConflictError(what, id, expected, actual);
}

export function parseRecord<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidCommitError(`invalid ${what}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
