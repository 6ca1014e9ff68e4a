// `undo <seq>` (issue 17): the edit wizard's review of the change back (src/flows/undo.ts).
import type { FlowContext } from './context.js';
import { editWizard } from './edit/index.js';
import { startUndo } from './undo.js';

export const startUndoCommand = (ctx: FlowContext, text: string): Promise<void> => startUndo(ctx, editWizard, text);
