// Checks one rendered card against what Webex accepts (DESIGN section 6). Used by the
// template test and by the fake transport on every card a flow test sees.
import * as AC from 'adaptivecards';

export const MAX_CARD_BYTES = 16 * 1024;
export const MAX_ACTIONS = 5;
/**
 * The action types Webex's web widget runs (webex/react-widgets, react-component-utils
 * adaptiveCardUtil.js: any other it logs as "not supported yet"); the playground does the same.
 */
export const WEBEX_ACTION_TYPES: ReadonlySet<string> = new Set(['Action.Submit', 'Action.OpenUrl']);
const UNSUPPORTED = new Set(['Table', 'TableRow', 'TableCell', 'Carousel']);

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

export function cardProblems(card: Json): string[] {
  const problems: string[] = [];
  const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (size >= MAX_CARD_BYTES) problems.push(`card is ${size} bytes (limit ${MAX_CARD_BYTES})`);
  if (card.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (card.version !== '1.3') problems.push(`version ${String(card.version)} is not "1.3"`);

  let actions = 0;
  const ids: string[] = [];
  walk(card, (obj) => {
    const type = obj.type;
    if (typeof type === 'string') {
      if (type.startsWith('Action.')) {
        actions += 1;
        if (!WEBEX_ACTION_TYPES.has(type)) problems.push(`action type ${type}: Webex's web widget runs only Action.Submit and Action.OpenUrl`);
      }
      if (UNSUPPORTED.has(type)) problems.push(`unsupported element ${type}`);
      if (type === 'Input.ChoiceSet' && obj.style === 'filtered') problems.push('ChoiceSet style filtered');
      if (type.startsWith('Input.')) ids.push(String(obj.id));
    }
  });
  if (actions > MAX_ACTIONS) problems.push(`${actions} actions (limit ${MAX_ACTIONS})`);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length > 0) problems.push(`duplicate input ids: ${dup.join(', ')}`);
  // An unfilled template field is caught by renderCard itself (CardRenderError); a literal
  // "${" here can be a person's own text shown back, so it is not a problem.

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

/** Throws with every problem listed, so a failing test says what to fix. */
export function assertWebexCard(card: Json, label = 'card'): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`${label} breaks Webex limits:\n  ${problems.join('\n  ')}`);
}
