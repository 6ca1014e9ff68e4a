// The texts of `reclaim` (src/i18n/reclaim.*.ts) exist in English and Dutch with the same
// placeholders; the Dutch catalog scan (dutch-catalog.test.ts) reads them with the rest.
import { describe, expect, it } from 'vitest';
import { reclaimEn } from '../../src/i18n/reclaim.en.js';
import { reclaimNl } from '../../src/i18n/reclaim.nl.js';
import { uiEn } from '../../src/i18n/ui.en.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('reclaim catalogs', () => {
  it('have the same keys, none shared with the main UI catalog', () => {
    expect(Object.keys(reclaimNl).sort()).toEqual(Object.keys(reclaimEn).sort());
    expect(Object.keys(reclaimEn).filter((key) => Object.hasOwn(uiEn, key))).toEqual([]);
  });
  it.each(Object.keys(reclaimEn))('%s: same placeholders in nl, not empty', (key) => {
    expect(reclaimNl[key]!.trim().length).toBeGreaterThan(0);
    expect(placeholders(reclaimNl[key]!)).toEqual(placeholders(reclaimEn[key]!));
  });
});
