import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidSignature, signBody } from '../../src/transports/webex/signature.js';

const secret = 'a-secret-of-enough-length';
const raw = '{"id":"w1","resource":"messages","event":"created","data":{"id":"m1"}}';

describe('webhook signature (X-Spark-Signature)', () => {
  it('accepts the HMAC-SHA1 hex of the raw body', () => {
    const signature = createHmac('sha1', secret).update(raw).digest('hex');
    expect(signBody(raw, secret)).toBe(signature);
    expect(isValidSignature({ rawBody: Buffer.from(raw), signature, secret })).toBe(true);
    expect(isValidSignature({ rawBody: raw, signature: signature.toUpperCase(), secret })).toBe(true);
  });

  it('refuses a missing, malformed or wrong signature', () => {
    expect(isValidSignature({ rawBody: raw, signature: undefined, secret })).toBe(false);
    expect(isValidSignature({ rawBody: raw, signature: '', secret })).toBe(false);
    expect(isValidSignature({ rawBody: raw, signature: 'not-hex', secret })).toBe(false);
    expect(isValidSignature({ rawBody: raw, signature: signBody(raw, 'another-secret-value'), secret })).toBe(false);
  });

  it('checks the raw bytes, not a re-serialisation of the parsed JSON', () => {
    const spaced = '{ "id": "w1", "resource": "messages", "event": "created", "data": { "id": "m1" } }';
    const signature = signBody(spaced, secret);
    expect(isValidSignature({ rawBody: spaced, signature, secret })).toBe(true);
    // What the framework would compute: JSON.stringify(JSON.parse(body)) differs from the bytes signed.
    expect(isValidSignature({ rawBody: JSON.stringify(JSON.parse(spaced)), signature, secret })).toBe(false);
    // One changed byte fails.
    expect(isValidSignature({ rawBody: spaced.replace('m1', 'm2'), signature, secret })).toBe(false);
  });
});
