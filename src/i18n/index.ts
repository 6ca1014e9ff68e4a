// Message catalogs. Rules and flows return codes + params; text is made only here.
// Each catalog part has an English and a Dutch file with the same keys (a test checks).
import type { Locale } from '../domain/index.js';
import { rulesEn } from './rules.en.js';
import { rulesNl } from './rules.nl.js';
import { uiEn } from './ui.en.js';
import { uiNl } from './ui.nl.js';
import { reclaimEn } from './reclaim.en.js';
import { reclaimNl } from './reclaim.nl.js';

export type Catalog = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

export const catalogs: Readonly<Record<Locale, Catalog>> = {
  en: { ...rulesEn, ...uiEn, ...reclaimEn },
  nl: { ...rulesNl, ...uiNl, ...reclaimNl },
};

/** Text for a key; `{name}` placeholders are filled from params. An unknown key shows itself. */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Text in the language of whoever holds it (a flow's context, a person's preference). */
export const tr = (holder: { readonly locale: Locale }, key: string, params?: Params): string => t(holder.locale, key, params);

export function hasKey(locale: Locale, key: string): boolean {
  return Object.hasOwn(catalogs[locale], key);
}
