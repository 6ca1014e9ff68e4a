import { describe, expect, it } from 'vitest';
import { PersonCache } from '../../src/transports/webex/person-cache.js';

describe('the person cache (who is behind an event, without a call each time)', () => {
  it('keeps at most `capacity` people, dropping the least recently used first', () => {
    const cache = new PersonCache({ capacity: 2 });
    cache.put('a', { email: 'a@x' });
    cache.put('b', { email: 'b@x' });
    expect(cache.get('a')).toEqual({ email: 'a@x' }); // a is now the most recent
    cache.put('c', { email: 'c@x' });
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ email: 'a@x' });
    expect(cache.get('c')).toEqual({ email: 'c@x' });
  });

  it('forgets a person after the TTL, so a renamed person is seen with the new name on the next lookup', () => {
    let now = 0;
    const cache = new PersonCache({ ttlMs: 1000, now: () => now });
    cache.put('p', { email: 'ann@x', displayName: 'Ann' });
    now = 999;
    expect(cache.get('p')?.displayName).toBe('Ann');
    now = 1999; // stored at 0, read at 999 does not extend it
    expect(cache.get('p')).toBeUndefined();
    cache.put('p', { email: 'ann@x', displayName: 'Ann Jansen' }); // what the next lookup says
    expect(cache.get('p')?.displayName).toBe('Ann Jansen');
  });

  it('takes the email a message carries at once; keeps the name only while the email is the same', () => {
    const cache = new PersonCache();
    cache.put('p', { email: 'ann@x', displayName: 'Ann' });
    cache.put('p', { email: 'ann@x' });
    expect(cache.get('p')).toEqual({ email: 'ann@x', displayName: 'Ann' });
    cache.put('p', { email: 'ann.new@x' });
    expect(cache.get('p')).toEqual({ email: 'ann.new@x' });
  });

  it('does not keep a name fresh just because its person keeps writing: a message confirms the email, not the name', () => {
    let now = 0;
    const cache = new PersonCache({ ttlMs: 1000, now: () => now });
    cache.put('p', { email: 'ann@x', displayName: 'Ann' });
    for (const at of [100, 400, 700, 900]) {
      now = at;
      cache.put('p', { email: 'ann@x' }); // messages keep coming
    }
    expect(cache.get('p')?.displayName).toBe('Ann');
    now = 1000;
    expect(cache.get('p')).toBeUndefined(); // so the next lookup sees a new name
  });
});
