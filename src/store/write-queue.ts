// Group commit: one writer. Commits that arrive while a flush runs wait and go out
// together in the next flush (one journal append + one audit append, each fsynced).
import type { CommitInput, CommitResult } from './types.js';

export interface QueuedCommit {
  input: CommitInput;
  resolve(result: CommitResult): void;
  reject(error: unknown): void;
}

export class WriteQueue {
  private waiting: QueuedCommit[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly flush: (batch: QueuedCommit[]) => Promise<void>,
    /** Runs after each flush, still inside the single writer (checkpoints). */
    private readonly afterFlush: () => Promise<void>,
  ) {}

  push(input: CommitInput): Promise<CommitResult> {
    return new Promise<CommitResult>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Run `task` as the writer, after queued commits (close, checkpoint). */
  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    while (this.running) await this.running;
    let done!: () => void;
    this.running = new Promise<void>((resolve) => (done = resolve));
    try {
      return await task();
    } finally {
      this.running = undefined;
      done();
      if (this.waiting.length > 0) this.running = this.drain();
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          await this.flush(batch);
        } catch (error) {
          // An unexpected throw must not leave callers waiting forever (settled ones ignore this).
          for (const job of batch) job.reject(error);
        }
        await this.afterFlush().catch(() => undefined);
      }
    } finally {
      this.running = undefined;
    }
  }
}
