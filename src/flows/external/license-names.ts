// Licenses as an admin types them in `external add`: Control Hub's names (as `usage` shows
// them), case-insensitive, the start of a name or of any word in it ("Attendant" is Webex
// Attendant Console), and where several licenses share a name the site or subscription in
// brackets: "Meeting - Webex Enterprise Edition (acme.webex.com)", "... (Sub-100101)" or
// "(Sub100101)". Several licenses are separated by commas. License ids work as before.
import type { License } from '../../domain/index.js';

export type LicenseLookup =
  | { kind: 'found'; license: License }
  /** Several licenses fit what was typed: the admin picks one. */
  | { kind: 'ambiguous'; typed: string; candidates: License[] }
  /** Nothing fits: candidates are the licenses that could be meant (all of them when nothing is close). */
  | { kind: 'unknown'; typed: string; candidates: License[] };

const norm = (text: string): string => text.toLowerCase().replace(/[\u2013\u2014]/g, '-').replace(/\s+/g, ' ').trim();
const compact = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Names that fit, best tier first: the whole name, the start of the name, the start of a word in it. */
function byName(licenses: readonly License[], typed: string): License[] {
  const t = norm(typed);
  if (!t) return [];
  const tiers: Array<(name: string) => boolean> = [
    (name) => name === t,
    (name) => name.startsWith(t),
    (name) => name.split(' ').some((_, i, words) => words.slice(i).join(' ').startsWith(t)),
  ];
  for (const fits of tiers) {
    const found = licenses.filter((license) => fits(norm(license.name)));
    if (found.length > 0) return found;
  }
  return [];
}

/** "(acme.webex.com)", "(Sub-100101)", "(Sub100101)", "· Sub-100101": a site or subscription the license is in. */
function inQualifier(license: License, qualifier: string): boolean {
  const q = compact(qualifier);
  const sub = compact(license.subscriptionId);
  const site = license.siteUrl?.toLowerCase();
  if (q.length === 0) return false;
  if (sub === q || sub === `sub${q}`) return true;
  // A site by its url, or by its first part ("acme-training").
  return site !== undefined && (compact(site) === q || site.startsWith(`${norm(qualifier)}.`));
}

const TRAILING_QUALIFIER = /^(.*?)\s*(?:\(([^()]*)\)|·\s*([^·()]+))\s*$/;

/** Longer than any license name with its site and subscription: not worth a look (hostile input). */
const MAX_TYPED = 200;

/** Licenses that fit the text (a name, then up to two qualifiers stripped from its end), and those its name alone fits. */
function candidatesFor(licenses: readonly License[], typed: string, qualifiersLeft = 2): { fits: License[]; near: License[] } {
  if (typed.length > MAX_TYPED) return { fits: [], near: [] };
  const named = byName(licenses, typed);
  if (named.length > 0) return { fits: named, near: named };
  const match = qualifiersLeft > 0 ? TRAILING_QUALIFIER.exec(typed) : null;
  if (!match || !match[1]) return { fits: [], near: [] };
  const inner = candidatesFor(licenses, match[1], qualifiersLeft - 1);
  const qualifier = match[2] ?? match[3] ?? '';
  return { fits: inner.fits.filter((license) => inQualifier(license, qualifier)), near: inner.near };
}

/** One typed license: its id, or its name as described above. */
export function lookUpLicense(licenses: readonly License[], typed: string): LicenseLookup {
  const byId = licenses.find((license) => license.id.toLowerCase() === typed.trim().toLowerCase());
  if (byId) return { kind: 'found', license: byId };
  const { fits, near } = candidatesFor(licenses, typed);
  if (fits.length === 1) return { kind: 'found', license: fits[0]! };
  if (fits.length > 1) return { kind: 'ambiguous', typed, candidates: fits };
  return { kind: 'unknown', typed, candidates: near.length > 0 ? near : [...licenses] };
}

/** The licenses of `external add`'s text: ids separated by spaces (as before), or names separated by commas. */
export function lookUpLicenses(licenses: readonly License[], text: string): LicenseLookup[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const ids = new Set(licenses.map((license) => license.id.toLowerCase()));
  const parts = words.length > 1 && words.every((word) => ids.has(word.toLowerCase())) ? words : text.split(/[,;]/);
  return parts.map((part) => part.trim()).filter(Boolean).map((part) => lookUpLicense(licenses, part));
}

/** How to type a license so that it names that one only: its name, with the site or subscription where others share it. */
export function typedName(license: License, licenses: readonly License[]): string {
  const same = licenses.filter((other) => norm(other.name) === norm(license.name));
  if (same.length === 1) return license.name;
  const site = license.siteUrl;
  if (site !== undefined && same.filter((other) => other.siteUrl === site).length === 1) return `${license.name} (${site})`;
  if (same.filter((other) => other.subscriptionId === license.subscriptionId).length === 1) return `${license.name} (${license.subscriptionId})`;
  return site !== undefined ? `${license.name} (${site}) (${license.subscriptionId})` : license.id;
}
