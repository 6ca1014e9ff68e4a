// One import run as the CLI (and the bot, later) does it: plan, then apply unless dry run.
import type { Locale } from '../domain/index.js';
import type { Mutation, Store } from '../store/types.js';
import { applyImport, planImport, type ImportMode, type ImportPlan } from './import.js';
import type { WebexLicenseItem } from './license-catalog.js';

export interface RunImportInput {
  store: Store;
  csvText: string;
  fileName: string;
  mode: ImportMode;
  dryRun: boolean;
  actor: string;
  locale?: Locale;
  /** A GET /v1/licenses body's items, upserted in the same commit (see license-catalog.ts). */
  licenseCatalog?: { fileName: string; items: readonly WebexLicenseItem[] };
  /** With an admin connection: the outbox entries that take the plan's changes to Webex, in the same commit. */
  toWebex?: (plan: ImportPlan) => Mutation[];
}

export interface RunImportResult {
  plan: ImportPlan;
  applied: boolean;
  auditSeq: number | undefined;
  /** Time spent planning (parse + rules) and writing, in ms. */
  timings: { planMs: number; writeMs: number };
}

/** Throws CsvFileError for a bad file, ImportRefusedError when a license would be over its units, or the store's errors on write; nothing is written then. */
export async function runImport(input: RunImportInput): Promise<RunImportResult> {
  const started = performance.now();
  const plan = planImport({
    reader: input.store,
    csvText: input.csvText,
    mode: input.mode,
    actor: input.actor,
    fileName: input.fileName,
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.licenseCatalog ? { licenseCatalog: input.licenseCatalog } : {}),
  });
  const planned = performance.now();
  if (input.dryRun) return { plan, applied: false, auditSeq: undefined, timings: { planMs: planned - started, writeMs: 0 } };
  const { auditSeq } = await applyImport({ store: input.store, plan, extra: input.toWebex?.(plan) ?? [] });
  return { plan, applied: true, auditSeq, timings: { planMs: planned - started, writeMs: performance.now() - planned } };
}
