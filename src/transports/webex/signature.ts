// Webex signs each webhook call: X-Spark-Signature = HMAC-SHA1 (hex) of the raw body
// with the webhook's secret. The framework checks JSON.stringify(parsedBody) with `!==`
// after answering 200 (DESIGN section 7), so we check the raw bytes ourselves, first.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(rawBody: Uint8Array | string, secret: string): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex');
}

/** True only when the header is the hex HMAC-SHA1 of exactly these bytes. Constant time. */
export function isValidSignature(options: {
  rawBody: Uint8Array | string;
  signature: string | undefined | null;
  secret: string;
}): boolean {
  const { rawBody, signature, secret } = options;
  if (!signature || !/^[0-9a-f]{40}$/i.test(signature)) return false;
  const expected = Buffer.from(signBody(rawBody, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
