// What the emulator saw and sent, newest last: API calls and webhook deliveries.
// The playground's side panel shows it; tests read it to see what reached Webex.

export interface LogEntry {
  seq: number;
  at: string;
  kind: 'api' | 'webhook' | 'fault';
  /** e.g. "POST /v1/messages" or "messages:created → http://127.0.0.1:3000/webhook". */
  title: string;
  status?: number;
  /** Who called (email) or who the webhook belongs to. */
  who?: string;
  roomId?: string;
  detail?: string;
}

export class EventLog {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<(entry: LogEntry) => void>();
  private seq = 0;

  constructor(private readonly capacity = 500) {}

  add(entry: Omit<LogEntry, 'seq' | 'at'>): LogEntry {
    const full: LogEntry = { seq: ++this.seq, at: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.shift();
    for (const listener of this.listeners) listener(full);
    return full;
  }

  since(seq: number): LogEntry[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
