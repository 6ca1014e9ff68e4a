// Percentiles over timing samples (nearest-rank, so p99 of 2,000 samples is the 20th slowest).

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0, samples: sorted.length };
}

/** Let the event loop and GC settle between phases, so one phase's garbage is not billed to the next. */
export async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A process.cpuUsage() delta in milliseconds (user + system, all of this process's threads). */
export const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
