// The targets, checked against a run's figures. MISS is printed either way; only
// a gross regression (3× worse than a target) or an unverified durability makes the
// process exit non-zero, so noise on a shared CI machine does not fail the build.

export interface TargetCheck {
  name: string;
  value: number | undefined;
  limit: number;
  unit: string;
  /** 'max': value must be ≤ limit; 'min': value must be ≥ limit. */
  kind: 'max' | 'min';
}

export type Verdict = 'PASS' | 'MISS' | 'not measured';

export const GROSS_FACTOR = 3;

export function verdictOf(check: TargetCheck): Verdict {
  if (check.value === undefined) return 'not measured';
  return (check.kind === 'max' ? check.value <= check.limit : check.value >= check.limit) ? 'PASS' : 'MISS';
}

/** Worse than the target by GROSS_FACTOR or more. */
export function isGross(check: TargetCheck): boolean {
  if (check.value === undefined) return false;
  return check.kind === 'max' ? check.value > check.limit * GROSS_FACTOR : check.value < check.limit / GROSS_FACTOR;
}
