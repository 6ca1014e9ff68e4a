// Fault injection for tests: the next N calls to a route answer an error status
// (429 with Retry-After, 500, ...), have their connection dropped or their answer held
// back; the next N
// webhook deliveries are sent twice.

export interface FaultRule {
  method: string;
  /** Matches the path after /v1, e.g. /^\/messages$/ or /^\/attachment\/actions\//. */
  path: RegExp;
  /** Only calls by this person (e.g. the bot). Any caller when unset. */
  callerId?: string;
  /** timeout: the call is handled, its answer held back `holdMs` (a client's timeout fires first). */
  kind: 'status' | 'drop' | 'timeout';
  status?: number;
  holdMs?: number;
  retryAfterSeconds?: number;
  remaining: number;
}

export type FaultInput = Omit<FaultRule, 'remaining' | 'kind'> & { kind?: FaultRule['kind']; times?: number };

export class Faults {
  private rules: FaultRule[] = [];
  private duplicates = 0;

  inject(input: FaultInput): void {
    const { times = 1, kind = 'status', ...rest } = input;
    this.rules.push({ ...rest, kind, remaining: times });
  }

  /** The fault this call gets, if any; each use counts down. */
  take(method: string, path: string, callerId: string | undefined): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => r.remaining > 0 && r.method === method && r.path.test(path) && (!r.callerId || r.callerId === callerId),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule;
  }

  duplicateNextDeliveries(count = 1): void {
    this.duplicates += count;
  }

  takeDuplicate(): boolean {
    if (this.duplicates <= 0) return false;
    this.duplicates -= 1;
    return true;
  }

  clear(): void {
    this.rules = [];
    this.duplicates = 0;
  }
}
