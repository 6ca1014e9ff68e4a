// The targets, checked against a run's figures. PASS/MISS is judged on the wall
// clock. Only a gross regression (3× worse than a target) or an unverified durability
// makes the process exit non-zero, and the gross check uses CPU time where there is one:
// a slower code path shows there, while other jobs preempting us on a shared CI machine
// (which inflates wall-clock p99s several times over) does not.

export interface TargetCheck {
  name: string;
  value: number | undefined;
  limit: number;
  unit: string;
  /** 'max': value must be ≤ limit; 'min': value must be ≥ limit. */
  kind: 'max' | 'min';
  /** The same figure in CPU time, for the gross-regression check. */
  cpuValue?: number;
  /** False: reported, but not a reason to fail the run (a wall-clock tail of too few samples). */
  gated?: boolean;
}

export type Verdict = 'PASS' | 'MISS' | 'not measured';

export const GROSS_FACTOR = 3;

export function verdictOf(check: TargetCheck): Verdict {
  if (check.value === undefined) return 'not measured';
  return (check.kind === 'max' ? check.value <= check.limit : check.value >= check.limit) ? 'PASS' : 'MISS';
}

/** Worse than the target by GROSS_FACTOR or more. */
export function isGross(check: TargetCheck): boolean {
  if (check.gated === false) return false;
  const value = check.cpuValue ?? check.value;
  if (value === undefined) return false;
  return check.kind === 'max' ? value > check.limit * GROSS_FACTOR : value < check.limit / GROSS_FACTOR;
}
