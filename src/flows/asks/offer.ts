// What a person may ask for: every license they do not hold, each judged by the rules as an
// administrator's change adding it would be (R12 units, R8, Calling properties, R4 …).
// Offered: the rules allow it (their automatic changes, e.g. R3's switch to Professional, are
// said in plain words); unavailable: the rules refuse it, with their reasons.
import type { License, ProposedChange, User } from '../../domain/index.js';
import { evaluate, unchangeable, type Finding, type Verdict } from '../../rules/index.js';
import type { StoreReader } from '../../store/index.js';
import { rulesContextOf } from '../org-view.js';

export interface OfferItem {
  license: License;
  verdict: Verdict;
}

export interface AskOffer {
  /** R8: nothing can be asked for this person (the reasons). */
  blocked: Finding[];
  offered: OfferItem[];
  unavailable: OfferItem[];
}

export const addOnly = (licenseId: string): ProposedChange => ({ addLicenseIds: [licenseId], removeLicenseIds: [], addAttendeeSites: [], removeAttendeeSites: [] });

/** The rules on adding this one license, as an admin applying it now would get them. */
export function askVerdict(store: StoreReader, user: User, licenseId: string): Verdict {
  return evaluate({ ctx: rulesContextOf(store), actorRole: 'admin', intent: 'apply', user, change: addOnly(licenseId) });
}

export function askOffer(store: StoreReader, user: User): AskOffer {
  const blocked = unchangeable(user);
  if (blocked.length > 0) return { blocked, offered: [], unavailable: [] };
  const items = store
    .licenses()
    .filter((license) => !user.licenseIds.includes(license.id) && license.service !== 'other')
    .map((license) => ({ license, verdict: askVerdict(store, user, license.id) }));
  return { blocked, offered: items.filter((i) => i.verdict.ok), unavailable: items.filter((i) => !i.verdict.ok) };
}
