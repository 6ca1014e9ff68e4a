// Who is behind an event, without a Webex call each time: personId → email and display
// name, bounded (least recently used goes first) and fresh for a while (a renamed person
// is seen again after the TTL; an email that a message carries replaces the cached one).
export interface KnownPerson {
  email: string;
  displayName?: string;
}

interface Entry extends KnownPerson {
  storedAt: number;
}

export interface PersonCacheOptions {
  capacity?: number;
  ttlMs?: number;
  now?: () => number;
}

export class PersonCache {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PersonCacheOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** The person while fresh; a hit counts as recent use. */
  get(personId: string): KnownPerson | undefined {
    const entry = this.entries.get(personId);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(personId);
      return undefined;
    }
    this.entries.delete(personId);
    this.entries.set(personId, entry);
    return { email: entry.email, ...(entry.displayName ? { displayName: entry.displayName } : {}) };
  }

  /** What Webex said just now (a person lookup, or a message's personEmail). */
  put(personId: string, person: KnownPerson): void {
    const previous = this.entries.get(personId);
    // A message carries the email only: the same email confirms the entry but not its name,
    // which keeps its age (so a renamed person is looked up again after the TTL).
    const confirmsOnly = person.displayName === undefined && previous?.email === person.email;
    const displayName = person.displayName ?? (confirmsOnly ? previous.displayName : undefined);
    const storedAt = confirmsOnly ? previous.storedAt : this.now();
    this.entries.delete(personId);
    this.entries.set(personId, { email: person.email, ...(displayName ? { displayName } : {}), storedAt });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
