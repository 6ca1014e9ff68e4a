// Webex (and our own retries) can deliver the same message or card action twice; the
// bot handles each event id once. Bounded, oldest forgotten first (insertion order).
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  /** Whether the id was seen, without counting this as a sighting. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** True the first time an id is seen; false for a repeat. */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
