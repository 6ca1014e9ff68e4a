// DESK_CLOCK_OFFSET_DAYS (issue 17): the desk's clock runs that many days ahead of real time.
import { describe, expect, it } from 'vitest';
import { deskClock } from '../../src/bot/desk-clock.js';

describe('the desk clock', () => {
  const real = () => new Date('2026-12-01T10:00:00.000Z');

  it('is real time when the offset is 0', () => {
    expect(deskClock(0, real)().toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('runs the offset in days ahead, following real time', () => {
    let now = real();
    const clock = deskClock(31, () => now);
    expect(clock().toISOString()).toBe('2027-01-01T10:00:00.000Z');
    now = new Date('2026-12-02T10:00:00.000Z');
    expect(clock().toISOString()).toBe('2027-01-02T10:00:00.000Z');
  });
});
