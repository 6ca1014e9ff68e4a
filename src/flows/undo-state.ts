// What an edit draft carries when it undoes an audit line (src/flows/undo.ts): read in one place.
import type { Draft } from '../domain/index.js';

/** `state.undo` of an edit draft: the line undone, and its later changes (shown before the review). */
export interface UndoState {
  seq: number;
  later: string[];
}

/** The undo a draft carries, if it is one. */
export function undoOf(draft: Pick<Draft, 'state'>): UndoState | undefined {
  const undo = draft.state.undo as Partial<UndoState> | undefined;
  return undo && typeof undo.seq === 'number' ? { seq: undo.seq, later: Array.isArray(undo.later) ? undo.later : [] } : undefined;
}
