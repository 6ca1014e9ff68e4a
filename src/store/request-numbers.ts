// Short request numbers. The store hands them out inside the writer queue, so two
// requests never get the same one. Requests from files written before numbers existed are
// numbered at load, after the numbered ones, oldest first: the same file always gives the
// same numbers, and the next snapshot keeps them.
import type { AuditInput, ChangeRequest } from '../domain/index.js';

/** Requests of a loaded document, each with a number. */
export function numberRequests(requests: readonly ChangeRequest[]): ChangeRequest[] {
  let next = requests.reduce((max, request) => Math.max(max, request.number ?? 0), 0) + 1;
  const unnumbered = requests
    .filter((request) => request.number === undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const assigned = new Map(unnumbered.map((request) => [request.id, next++]));
  return requests.map((request) => (request.number === undefined ? { ...request, number: assigned.get(request.id)! } : request));
}

/** Audit lines that name a request carry its number too, so the log reads like the cards. */
export function withRequestNumbers(inputs: readonly AuditInput[], numberOf: (requestId: string) => number | undefined): { inputs: AuditInput[]; stamped: boolean } {
  let stamped = false;
  const result = inputs.map((input) => {
    const number = input.requestId !== undefined && input.requestNumber === undefined ? numberOf(input.requestId) : undefined;
    if (number === undefined) return input;
    stamped = true;
    return { ...input, requestNumber: number };
  });
  return { inputs: result, stamped };
}

/** The requests in memory: by id, by number, and the undecided ones (asked or open: the expiry sweep asks for these on every event). */
export class RequestRecords {
  private readonly byId = new Map<string, ChangeRequest>();
  private readonly openById = new Map<string, ChangeRequest>();
  private readonly numbered = new Map<number, ChangeRequest>();
  highestNumber = 0;

  set(id: string, request: ChangeRequest | null): void {
    const number = (request ?? this.byId.get(id))?.number;
    if (number !== undefined) {
      if (request) this.numbered.set(number, request);
      else this.numbered.delete(number);
      this.highestNumber = Math.max(this.highestNumber, number);
    }
    if (request) this.byId.set(id, request);
    else this.byId.delete(id);
    if (request?.status === 'open' || request?.status === 'asked') this.openById.set(id, request);
    else this.openById.delete(id);
  }
  get(id: string): ChangeRequest | undefined {
    return this.byId.get(id);
  }
  byNumber(number: number): ChangeRequest | undefined {
    return this.numbered.get(number);
  }
  all(): IterableIterator<ChangeRequest> {
    return this.byId.values();
  }
  /** Asked or open. */
  open(): IterableIterator<ChangeRequest> {
    return this.openById.values();
  }
}
