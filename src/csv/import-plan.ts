// What an import plans: each row's outcome, the counts, the mutations and the users whose
// licenses change. planImport (import.ts) makes it; the audit lines and the report read it.
import type { CallingProperties, ProposedChange } from '../domain/index.js';
import type { Mutation } from '../store/types.js';
import type { CatalogPlan } from './license-catalog.js';
import type { ParsedCsv } from './parse.js';

export type ImportMode = 'add-only' | 'add-and-remove';
export const IMPORT_MODES: readonly ImportMode[] = ['add-only', 'add-and-remove'];

export interface RowMessage {
  code: string;
  message: string;
}

export interface RowOutcome {
  line: number;
  email: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'refused';
  /** Why a refused row was refused: rule codes with their text. */
  reasons: RowMessage[];
  /** Non-blocking rule notices on an accepted row (e.g. R2 "migrating"). */
  notices: RowMessage[];
  added: string[];
  removed: string[];
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
}

/** One user whose licenses, attendee accounts or Calling properties the import changes (one license.change audit line; `change.calling` carries the properties). */
export interface UserLicenseChange {
  userId: string;
  email: string;
  /** `calling`: the user's Calling properties, for the outbox's add operations (importOutbox); not in the audit line's before/after. */
  before: { licenseIds: string[]; attendeeOf: string[]; calling?: CallingProperties };
  after: { licenseIds: string[]; attendeeOf: string[]; calling?: CallingProperties };
  change: ProposedChange;
  /** Non-blocking notice codes of the row (e.g. R2 migrating). */
  codes: string[];
}

export interface ImportPlan {
  mode: ImportMode;
  fileName: string;
  /** The license catalog given with the import (GET /v1/licenses body), if any. */
  catalog?: CatalogPlan & { fileName: string };
  actor: string;
  rows: RowOutcome[];
  counts: ImportCounts;
  unknownColumns: ParsedCsv['unknownColumns'];
  ignoredColumns: string[];
  /** catalog.put (when the catalog adds or changes something), then one user.put per created or updated user; all or nothing. */
  mutations: Mutation[];
  userChanges: UserLicenseChange[];
}
