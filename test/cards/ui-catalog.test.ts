// The card/bot text exists in English and Dutch with the same keys and placeholders.
import { describe, expect, it } from 'vitest';
import { uiEn } from '../../src/i18n/ui.en.js';
import { uiNl } from '../../src/i18n/ui.nl.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI catalogs', () => {
  it('have the same keys', () => {
    expect(Object.keys(uiNl).sort()).toEqual(Object.keys(uiEn).sort());
  });
  it.each(Object.keys(uiEn))('%s: same placeholders in nl, not empty', (key) => {
    expect(uiNl[key]!.trim().length).toBeGreaterThan(0);
    expect(placeholders(uiNl[key]!)).toEqual(placeholders(uiEn[key]!));
  });
});
