// The bench's verdicts: PASS/MISS on the wall-clock figure; the exit code fails only on a
// gross regression, judged on CPU time when there is one (preemption is not a regression).
import { describe, expect, it } from 'vitest';
import { isGross, verdictOf, type TargetCheck } from '../../bench/targets.js';

const p99 = (value: number | undefined, cpuValue?: number): TargetCheck => ({ name: 'search p99', value, cpuValue, limit: 2, unit: 'ms', kind: 'max' });
const ratio = (value: number): TargetCheck => ({ name: 'vs naive', value, limit: 20, unit: '×', kind: 'min' });

describe('bench targets', () => {
  it('passes at or under a maximum, misses above it; not measured without a value', () => {
    expect(verdictOf(p99(2))).toBe('PASS');
    expect(verdictOf(p99(2.01))).toBe('MISS');
    expect(verdictOf(p99(undefined))).toBe('not measured');
    expect(verdictOf(ratio(20))).toBe('PASS');
    expect(verdictOf(ratio(19.9))).toBe('MISS');
  });

  it('calls 3× off target gross, judged on CPU time when given', () => {
    expect(isGross(p99(5.9))).toBe(false);
    expect(isGross(p99(6.1))).toBe(true);
    // A busy machine: wall clock 8 ms, the code's own CPU time 0.9 ms: a MISS, not a failure.
    expect(verdictOf(p99(8, 0.9))).toBe('MISS');
    expect(isGross(p99(8, 0.9))).toBe(false);
    expect(isGross(p99(1, 7))).toBe(true);
    expect(isGross(ratio(7))).toBe(false);
    expect(isGross(ratio(6))).toBe(true);
  });
});
