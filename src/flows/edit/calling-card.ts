// The Calling step's card: a Calling license's location, extension and number. Builder only.
import type { ColoredLine, RenderedCard } from '../../cards/index.js';
import { renderCard } from '../../cards/index.js';
import type { Draft, Location, User } from '../../domain/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { userName } from '../format.js';
import { actionOf } from '../submit.js';
import { backAction, cancelAction, stepLabel } from '../wizard/cards.js';

type Ctx = Pick<FlowContext, 'locale'>;

export const CALLING_LOCATION_INPUT = 'calling.location';
export const CALLING_EXTENSION_INPUT = 'calling.extension';
export const CALLING_NUMBER_INPUT = 'calling.number';
export const NO_NUMBER = 'none';

export interface CallingView {
  draft: Draft;
  user: User;
  /** The Calling license the properties are for. */
  license: string;
  locations: readonly Location[];
  /** What the form shows: the values given so far ('' = none yet). */
  locationId: string;
  extension: string;
  phoneNumber: string;
  /** The chosen location's free numbers, when the org connection listed them. */
  numbers?: { locationName: string; free: readonly string[] };
  /** The org connection can list a location's free numbers. */
  canListNumbers: boolean;
  notes: ColoredLine[];
}

/** Step 4b: the Calling license's location, extension and number (Webex refuses one without, 400411). */
export function callingCard(ctx: Ctx, view: CallingView): RenderedCard {
  const { draft, numbers } = view;
  const free = numbers ? [...new Set([...(view.phoneNumber ? [view.phoneNumber] : []), ...numbers.free])] : [];
  const actions = [actionOf(draft, tr(ctx, 'action.apply-review'), 'review', 'positive'), actionOf(draft, tr(ctx, 'action.apply'), 'apply')];
  if (view.canListNumbers) actions.push(actionOf(draft, tr(ctx, 'action.calling-numbers'), 'numbers'));
  actions.push(backAction(ctx, draft), cancelAction(ctx, draft));
  const title = tr(ctx, 'calling.title', { user: userName(view.user) });
  const label = tr(ctx, 'calling.number');
  return renderCard('calling-properties', {
    fallbackText: title,
    title,
    stepLabel: stepLabel(ctx, view.draft, 'calling'),
    intro: tr(ctx, view.canListNumbers && !numbers ? 'calling.intro.numbers' : 'calling.intro', { license: view.license }),
    notes: view.notes,
    location: { id: CALLING_LOCATION_INPUT, label: tr(ctx, 'calling.location'), value: view.locationId, choices: view.locations.map((l) => ({ title: l.name, value: l.id })) },
    extension: { id: CALLING_EXTENSION_INPUT, label: tr(ctx, 'calling.extension'), placeholder: tr(ctx, 'calling.extension-placeholder'), value: view.extension },
    numberChoices: numbers
      ? [{ id: CALLING_NUMBER_INPUT, label: tr(ctx, 'calling.number-of', { location: numbers.locationName }), value: view.phoneNumber || NO_NUMBER, choices: [{ title: tr(ctx, 'calling.no-number'), value: NO_NUMBER }, ...free.map((n) => ({ title: n, value: n }))] }]
      : [],
    numberTexts: numbers ? [] : [{ id: CALLING_NUMBER_INPUT, label, placeholder: tr(ctx, 'calling.number-placeholder'), value: view.phoneNumber }],
    actions,
  });
}

