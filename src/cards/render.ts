// Card rendering: a template from /cards expanded with adaptivecards-templating.
// Templates carry no logic beyond shaping data; a field the data forgot to give is a
// bug in the flow, so it throws here instead of showing "${field}" to a person.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import type { CardDataByName, CardName } from './types.js';

export const CARDS_DIR = fileURLToPath(new URL('../../cards/', import.meta.url));

/** Structurally the bot layer's OutgoingCard (cards sit below bot and do not import it). */
export interface RenderedCard {
  card: Record<string, unknown>;
  fallbackText: string;
}

export class CardRenderError extends Error {
  constructor(
    readonly cardName: string,
    readonly missing: readonly string[],
  ) {
    super(`card ${cardName}: data is missing ${missing.join(', ')}`);
    this.name = 'CardRenderError';
  }
}

const templates = new Map<CardName, ACData.Template>();

function templateFor(name: CardName): ACData.Template {
  let template = templates.get(name);
  if (!template) {
    const json: unknown = JSON.parse(readFileSync(`${CARDS_DIR}${name}.json`, 'utf8'));
    template = new ACData.Template(json);
    templates.set(name, template);
  }
  return template;
}

let missingFields: string[] = [];
ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
  missingFields.push(path);
  return '';
};

export function renderCard<N extends CardName>(name: N, data: CardDataByName[N]): RenderedCard {
  missingFields = [];
  const card = templateFor(name).expand({ $root: data }) as Record<string, unknown>;
  const missing = missingFields;
  missingFields = [];
  if (missing.length > 0) throw new CardRenderError(name, [...new Set(missing)]);
  delete card.$schema;
  return { card, fallbackText: data.fallbackText };
}

/** The UTF-8 size Webex counts for the card attachment. */
export const cardSize = (card: Record<string, unknown>): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
