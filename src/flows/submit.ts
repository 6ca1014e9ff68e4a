// A card submit as flows see it: the bot layer has parsed it with zod already.
import type { CardAction, SubmitData, ActionStyle } from '../cards/index.js';
import type { Draft } from '../domain/index.js';
import { InputError } from './errors.js';

export interface Submit {
  flow: string;
  step: string;
  draftId: string;
  v: number;
  action: string;
  /** The card's inputs (strings, as Webex sends them). A Map, so no key can touch a prototype. */
  inputs: ReadonlyMap<string, string>;
  /** The card message that was clicked. */
  messageId: string;
}

/** An action button for a card of this draft at its current version. */
export function actionOf(draft: Pick<Draft, 'flow' | 'step' | 'id' | 'version'>, title: string, action: string, style: ActionStyle = 'default'): CardAction {
  const data: SubmitData = { flow: draft.flow, step: draft.step, draftId: draft.id, v: draft.version, action };
  return { title, style, data };
}

/** A button that needs no draft (e.g. "start again" on an expired card). */
export function plainAction(flow: string, title: string, action: string, style: ActionStyle = 'default'): CardAction {
  return { title, style, data: { flow, step: 'start', draftId: '', v: 0, action } };
}

/** The flow of "run this command" buttons ("Did you mean …", nearest users): the bot routes the text as a typed message. */
export const COMMAND_FLOW = 'suggest';

/** A button that runs `command` as if the clicker had typed it (authorized like a typed command). */
export function commandAction(title: string, command: string, style: ActionStyle = 'default'): CardAction {
  return { title, style, data: { flow: COMMAND_FLOW, step: 'start', draftId: '', v: 0, action: 'run', command } };
}

export function textInput(submit: Submit, id: string, maxLength = 200): string {
  const value = submit.inputs.get(id) ?? '';
  if (value.length > maxLength) throw new InputError('error.input-too-long', { field: id, max: maxLength });
  return value.trim();
}

/** A required choice whose value must be one of `allowed`. */
export function choiceInput<T extends string>(submit: Submit, id: string, allowed: readonly T[]): T {
  const value = submit.inputs.get(id);
  if (value === undefined || value === '') throw new InputError('error.input-missing', { field: id });
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError('error.input-not-offered', { field: id, value: value.slice(0, 80) });
  }
  return value as T;
}

/** Toggle inputs with a prefix ("lic.<id>"): every one must be among the offered ids. */
export function toggleInputs(submit: Submit, prefix: string, offered: readonly string[]): Map<string, boolean> {
  const values = new Map<string, boolean>();
  for (const [key, value] of submit.inputs) {
    if (!key.startsWith(prefix)) continue;
    const id = key.slice(prefix.length);
    if (!offered.includes(id)) throw new InputError('error.input-not-offered', { field: key.slice(0, 80), value: value.slice(0, 20) });
    if (value !== 'true' && value !== 'false') throw new InputError('error.input-not-offered', { field: key.slice(0, 80), value: value.slice(0, 20) });
    values.set(id, value === 'true');
  }
  return values;
}
