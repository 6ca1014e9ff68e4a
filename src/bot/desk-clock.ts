// The desk's clock: real time, or DESK_CLOCK_OFFSET_DAYS ahead, so a demo or a black-box test
// sees a request expire or an undo window close without waiting. Only the desk's decisions use
// it (the bot's ctx.now); the store stamps audit lines and journal batches with real time.
const DAY_MS = 24 * 3600 * 1000;

export function deskClock(offsetDays: number, real: () => Date = () => new Date()): () => Date {
  if (offsetDays === 0) return real;
  return () => new Date(real().getTime() + offsetDays * DAY_MS);
}
