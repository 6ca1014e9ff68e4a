// Reading and clicking Adaptive Cards the way a Webex client does: the text a person
// sees, the Action.Submit buttons, and the inputs' current values.
type Json = Record<string, unknown>;

export function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** The visible text of a card: text blocks, toggles, facts, choice titles. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  walk(card, (obj) => {
    if (obj.type === 'TextBlock' && typeof obj.text === 'string') parts.push(obj.text);
    if (obj.type === 'Input.Toggle' && typeof obj.title === 'string') parts.push(obj.title);
    if (typeof obj.title === 'string' && typeof obj.value === 'string' && !obj.type) parts.push(`${obj.title}: ${obj.value}`);
  });
  return parts.join('\n');
}

export function submitActions(card: unknown): { title: string; data: Json }[] {
  const actions: { title: string; data: Json }[] = [];
  walk(card, (obj) => {
    if (obj.type === 'Action.Submit') actions.push({ title: String(obj.title), data: (obj.data ?? {}) as Json });
  });
  return actions;
}

/** What Webex sends for untouched inputs: each input's current value. */
export function defaultInputs(card: unknown): Record<string, string> {
  const inputs: Record<string, string> = {};
  walk(card, (obj) => {
    if (typeof obj.type === 'string' && obj.type.startsWith('Input.') && typeof obj.id === 'string') {
      inputs[obj.id] = typeof obj.value === 'string' ? obj.value : obj.type === 'Input.Toggle' ? String(obj.valueOff ?? 'false') : '';
    }
  });
  return inputs;
}

/** The inputs of a click on `title`: current values, the person's changes, then the button's data (as Webex merges them). */
export function clickInputs(card: unknown, title: string, changes: Record<string, string> = {}): Json {
  const action = submitActions(card).find((a) => a.title === title);
  if (!action) throw new Error(`no button "${title}" on the card; it has: ${submitActions(card).map((a) => a.title).join(', ')}`);
  return { ...defaultInputs(card), ...changes, ...action.data };
}
