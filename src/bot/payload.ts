// A card submit's payload is untrusted (any member of a space can send any inputs to the
// attachment actions API). Parsed here with zod: the routing fields must be there with
// the right types, every other value must be a string (Webex sends inputs as strings).
// Inputs go into a Map, so a "__proto__" key is just a key.
import { z } from 'zod';
import type { Submit } from '../flows/index.js';

const MAX_INPUTS = 200;
const MAX_INPUT_LENGTH = 2000;

const RoutingSchema = z.object({
  flow: z.string().min(1).max(40),
  step: z.string().min(1).max(40),
  draftId: z.string().max(100),
  v: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,9}$/).transform(Number)]),
  action: z.string().min(1).max(40),
});
const ROUTING_KEYS = new Set(Object.keys(RoutingSchema.shape));

export type ParsedSubmit = { ok: true; submit: Submit } | { ok: false; problem: string };

export function parseSubmit(raw: unknown, messageId: string): ParsedSubmit {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'not an object' };
  const routing = RoutingSchema.safeParse(raw);
  if (!routing.success) {
    const issue = routing.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}` };
  }
  const entries = Object.entries(raw as Record<string, unknown>).filter(([key]) => !ROUTING_KEYS.has(key));
  if (entries.length > MAX_INPUTS) return { ok: false, problem: `more than ${MAX_INPUTS} inputs` };
  const inputs = new Map<string, string>();
  for (const [key, value] of entries) {
    if (typeof value !== 'string') return { ok: false, problem: `${key.slice(0, 80)}: expected text, got ${Array.isArray(value) ? 'array' : typeof value}` };
    if (value.length > MAX_INPUT_LENGTH) return { ok: false, problem: `${key.slice(0, 80)}: longer than ${MAX_INPUT_LENGTH}` };
    inputs.set(key, value);
  }
  return { ok: true, submit: { ...routing.data, inputs, messageId } };
}
