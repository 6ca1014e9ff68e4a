// The Calling licenses step's follow-up: a Calling license added to a user without a location
// and number (Webex refuses it, 400411) asks for them on a short card of its own. The free
// numbers come from the org connection when there is one; the rules judge what was given.
import { z } from 'zod';
import type { CallingProperties, Draft, License, User } from '../../domain/index.js';
import { evaluate } from '../../rules/index.js';
import type { ColoredLine } from '../../cards/index.js';
import type { FlowContext } from '../context.js';
import { tr } from '../../i18n/index.js';
import { advance } from '../drafts.js';
import { InputError } from '../errors.js';
import { findingText } from '../format.js';
import { OrgUnavailableError } from '../org/port.js';
import { rulesContextOf } from '../org-view.js';
import type { Submit } from '../submit.js';
import { withUser } from '../wizard/step-helpers.js';
import type { StepAction } from '../wizard/types.js';
import { CALLING_EXTENSION_INPUT, CALLING_LOCATION_INPUT, CALLING_NUMBER_INPUT, NO_NUMBER, type CallingView } from './calling-card.js';
import { pendingAssignment } from './state.js';

/** What the Calling card shows, kept in the draft's state between clicks. */
const CallingFormSchema = z.object({
  locationId: z.string().default(''),
  extension: z.string().default(''),
  phoneNumber: z.string().default(''),
  /** The free numbers of `numbersOf`, as the org connection listed them. */
  numbersOf: z.string().optional(),
  numbers: z.array(z.string()).optional(),
});
type CallingForm = z.infer<typeof CallingFormSchema>;
const formOf = (draft: Draft): CallingForm => CallingFormSchema.parse(draft.state.calling ?? {});

/** The card's inputs, parsed at the edge: strings of bounded length. */
const CallingInputsSchema = z.object({
  locationId: z.string().trim().max(100),
  extension: z.string().trim().max(20),
  phoneNumber: z.string().trim().max(30),
});

function readInputs(submit: Submit): Pick<CallingForm, 'locationId' | 'extension' | 'phoneNumber'> {
  const raw = {
    locationId: submit.inputs.get(CALLING_LOCATION_INPUT) ?? '',
    extension: submit.inputs.get(CALLING_EXTENSION_INPUT) ?? '',
    phoneNumber: submit.inputs.get(CALLING_NUMBER_INPUT) ?? '',
  };
  const parsed = CallingInputsSchema.safeParse(raw);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'calling');
    throw new InputError('error.input-too-long', { field: `calling.${field}`, max: field === 'locationId' ? 100 : field === 'extension' ? 20 : 30 });
  }
  const { phoneNumber, ...rest } = parsed.data;
  return { ...rest, phoneNumber: phoneNumber === NO_NUMBER ? '' : phoneNumber };
}

/** The Calling license the pending change adds; undefined when none is added. */
export function addedCallingLicense(ctx: FlowContext, draft: Draft, user: User): License | undefined {
  const pending = pendingAssignment(user, draft.change).licenseIds;
  return ctx.store.licenses().find((l) => l.service === 'calling' && pending.includes(l.id) && !user.licenseIds.includes(l.id));
}

/** A Calling license added to a user without properties: the card asks for them (a tier switch keeps the user's). */
const needsProperties = (ctx: FlowContext, draft: Draft, user: User): boolean => !user.calling && addedCallingLicense(ctx, draft, user) !== undefined;

/** The location's free numbers from the org connection; undefined without one, for an unknown location, or when Webex is unavailable. */
async function freeNumbers(ctx: FlowContext, locationId: string): Promise<string[] | undefined> {
  if (!ctx.org || !ctx.store.locations().some((l) => l.id === locationId)) return undefined;
  try {
    return await ctx.org.availableNumbers(locationId);
  } catch (error) {
    if (error instanceof OrgUnavailableError) return undefined;
    throw error;
  }
}

async function withNumbers(ctx: FlowContext, form: CallingForm): Promise<CallingForm> {
  const { numbers: _numbers, numbersOf: _of, ...rest } = form;
  const numbers = form.locationId ? await freeNumbers(ctx, form.locationId) : undefined;
  return numbers ? { ...rest, numbersOf: form.locationId, numbers } : rest;
}

/** After the Calling licenses: the Calling card when properties are needed, else `next` (and no properties left in the change). */
export async function afterCallingLicenses(ctx: FlowContext, draft: Draft, user: User, next: string): Promise<Draft> {
  if (!needsProperties(ctx, draft, user)) {
    const { calling: _dropped, ...change } = draft.change;
    return advance({ ...draft, change }, { step: next });
  }
  const given = draft.change.calling;
  const locations = ctx.store.locations();
  const locationId = given?.locationId ?? (locations.length === 1 ? (locations[0]?.id ?? '') : '');
  const form = await withNumbers(ctx, { locationId, extension: given?.extension ?? '', phoneNumber: given?.phoneNumber ?? '' });
  return advance(draft, { step: 'calling', state: { ...draft.state, calling: form } });
}

export function callingView(ctx: FlowContext, draft: Draft, user: User, notes: ColoredLine[]): CallingView {
  const form = formOf(draft);
  const location = ctx.store.locations().find((l) => l.id === form.numbersOf);
  return {
    draft,
    user,
    license: addedCallingLicense(ctx, draft, user)?.name ?? '',
    locations: ctx.store.locations(),
    locationId: form.locationId,
    extension: form.extension,
    phoneNumber: form.phoneNumber,
    ...(form.numbers && location && form.numbersOf === form.locationId ? { numbers: { locationName: location.name, free: form.numbers } } : {}),
    canListNumbers: ctx.org !== undefined,
    notes,
  };
}

/** The rules' findings on the given properties (CALLING only; the review shows the rest). */
function callingProblems(ctx: FlowContext, user: User, draft: Draft, calling: CallingProperties): ColoredLine[] {
  if (!calling.locationId) return [{ text: tr(ctx, 'calling.choose-location'), color: 'Attention' }];
  const verdict = evaluate({ ctx: rulesContextOf(ctx.store), actorRole: ctx.role, intent: 'apply', user, change: { ...draft.change, calling } });
  return verdict.violations.filter((v) => v.rule === 'CALLING').map((v) => ({ text: findingText(ctx, v), color: 'Attention' }));
}

/** "Show free numbers": the chosen location's numbers on the card, what was typed kept. */
export const listNumbers: StepAction = withUser(async ({ ctx, draft, submit, go }) => {
  const form = await withNumbers(ctx, { ...formOf(draft), ...readInputs(submit) });
  return go(advance(draft, { state: { ...draft.state, calling: form } }));
});

/** Apply the properties: checked by the rules first; a problem keeps the card, with the rule's message, and changes nothing. */
export const applyCalling: StepAction = withUser(async ({ ctx, draft, user, submit, go }) => {
  const input = readInputs(submit);
  const calling: CallingProperties = {
    locationId: input.locationId,
    ...(input.extension ? { extension: input.extension } : {}),
    ...(input.phoneNumber ? { phoneNumber: input.phoneNumber } : {}),
  };
  const form = { ...formOf(draft), ...input };
  const problems = callingProblems(ctx, user, draft, calling);
  if (problems.length > 0) return go(advance(draft, { state: { ...draft.state, calling: form } }), problems);
  const next = submit.action === 'review' ? 'review' : 'service';
  return go(advance({ ...draft, change: { ...draft.change, calling } }, { step: next, state: { ...draft.state, calling: form } }));
});
