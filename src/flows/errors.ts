// Errors a flow step throws on purpose; the bot's error boundary turns each into a card
// that says what happened and what to do next. Anything else is an unexpected error.
import type { Params } from '../i18n/index.js';

/** The card sent something this step did not offer (crafted or outdated inputs). Nothing changed. */
export class InputError extends Error {
  constructor(
    readonly key: string,
    readonly params: Params = {},
  ) {
    super(`bad card input: ${key} ${JSON.stringify(params)}`);
    this.name = 'InputError';
  }
}

/** The draft the card points to is unknown, expired or finished differently. */
export class DraftGoneError extends Error {
  constructor(
    readonly flow: string,
    readonly draftId: string,
  ) {
    super(`draft ${draftId} of flow ${flow} is unknown or expired`);
    this.name = 'DraftGoneError';
  }
}

/** Someone other than the draft's owner clicked its card. */
export class NotDraftOwnerError extends Error {
  constructor(
    readonly ownerEmail: string,
    /** The user the card is about, for the audit line of the refusal. */
    readonly targetUserId?: string,
  ) {
    super(`the card belongs to ${ownerEmail}`);
    this.name = 'NotDraftOwnerError';
  }
}
