// fast-check generators: random small orgs (few units, so capacity is often tight) and
// random changes drawn mostly from the org's own ids, plus a few unknown ones.
import fc from 'fast-check';
import type { ActorRole, License, ProposedChange, Site, User } from '../../src/domain/index.js';
import type { RulesContext } from '../../src/rules/index.js';

export interface Org {
  sites: Site[];
  licenses: License[];
  users: User[];
}

const SITE_URLS = ['a.webex.com', 'b.webex.com', 'c.webex.com'];
const SUBS = ['Sub-1', 'Sub-2'];

const licenseSpec = fc.record({
  kind: fc.constantFrom('pro', 'std', 'ucm', 'ac', 'cx', 'msg', 'mtg'),
  sub: fc.constantFrom(...SUBS),
  site: fc.constantFrom(...SITE_URLS),
  total: fc.nat({ max: 3 }),
});

type LicenseSpec = { kind: string; sub: string; site: string; total: number };

function toLicense(spec: LicenseSpec, i: number): License {
  const base = { id: `L${i}-${spec.kind}`, name: `License ${i} ${spec.kind}`, subscriptionId: spec.sub, totalUnits: spec.total };
  switch (spec.kind) {
    case 'pro':
      return { ...base, service: 'calling', tier: 'professional' };
    case 'std':
      return { ...base, service: 'calling', tier: 'standard' };
    case 'ucm':
      return { ...base, service: 'ucm' };
    case 'ac':
      return { ...base, service: 'attendantConsole' };
    case 'cx':
      return { ...base, service: 'cxBasic' };
    case 'mtg':
      return { ...base, service: 'meetings', siteUrl: spec.site };
    default:
      return { ...base, service: 'messaging' };
  }
}

/** A subset of the given values (may be empty). */
const subsetOf = (values: readonly string[]) => (values.length === 0 ? fc.constant<string[]>([]) : fc.subarray([...values]));

const userArb = (licenseIds: string[], sites: string[], i: number) =>
  fc
    .record({
      type: fc.constantFrom('internal', 'external'),
      status: fc.constantFrom('active', 'pending', 'inactive'),
      siteAdminOf: subsetOf(sites),
      licenseIds: subsetOf(licenseIds),
      attendeeOf: subsetOf(sites),
    })
    .map(
      (u): User => ({
        id: `u${i}`,
        email: `u${i}@example.com`,
        displayName: `User ${i}`,
        rev: 0,
        ...u,
      }),
    );

/**
 * A random org. With `consistent`, every license has at least as many units as users
 * holding it (as a real org starts); otherwise anything goes, even over-full licenses.
 */
export const orgArb = ({ consistent }: { consistent: boolean }): fc.Arbitrary<Org> =>
  fc
    .record({
      sites: fc.uniqueArray(fc.record({ url: fc.constantFrom(...SITE_URLS), attendeeAccountEnabled: fc.boolean() }), {
        selector: (s) => s.url,
        minLength: 1,
        maxLength: 3,
      }),
      specs: fc.array(licenseSpec, { minLength: 1, maxLength: 9 }),
      userCount: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ sites, specs, userCount }) => {
      const licenses = specs.map((spec, i) => toLicense(spec, i));
      const ids = licenses.map((l) => l.id);
      const urls = sites.map((s) => s.url);
      return fc
        .tuple(...Array.from({ length: userCount }, (_, i) => userArb(ids, urls, i)))
        .map((users) => {
          if (!consistent) return { sites, licenses, users };
          const used = usage(users);
          return { sites, licenses: licenses.map((l) => ({ ...l, totalUnits: Math.max(l.totalUnits, used[l.id] ?? 0) })), users };
        });
    });

export function usage(users: readonly User[]): Record<string, number> {
  const used: Record<string, number> = {};
  for (const user of users) for (const id of new Set(user.licenseIds)) used[id] = (used[id] ?? 0) + 1;
  return used;
}

export function ctxOf(org: Org): RulesContext {
  const used = usage(org.users);
  return {
    licenses: new Map(org.licenses.map((l) => [l.id, l])),
    sites: new Map(org.sites.map((s) => [s.url, s])),
    usedUnits: (id) => used[id] ?? 0,
    locations: new Map(),
    usersWithCalling: () => org.users.filter((u) => u.calling !== undefined),
  };
}

type Op = 'keep' | 'add' | 'remove' | 'both';
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>('keep'), weight: 40 },
  { arbitrary: fc.constant<Op>('add'), weight: 12 },
  { arbitrary: fc.constant<Op>('remove'), weight: 9 },
  { arbitrary: fc.constant<Op>('both'), weight: 1 },
);

/** add/remove lists from one op per value (so contradictions are rare but possible). */
const opsArb = (values: string[]) =>
  fc.tuple(...values.map(() => opArb)).map((ops) => ({
    add: values.filter((_, i) => ops[i] === 'add' || ops[i] === 'both'),
    remove: values.filter((_, i) => ops[i] === 'remove' || ops[i] === 'both'),
  }));

/** A change over the org's ids; now and then an unknown id or site, or an id both added and removed. */
export const changeArb = (org: Org): fc.Arbitrary<ProposedChange> => {
  const rare = <T>(value: T) => fc.oneof({ arbitrary: fc.constant<T[]>([]), weight: 19 }, { arbitrary: fc.constant([value]), weight: 1 });
  return fc
    .record({
      licenses: opsArb(org.licenses.map((l) => l.id)),
      sites: opsArb(org.sites.map((s) => s.url)),
      unknownLicense: rare('UNKNOWN-LICENSE'),
      unknownSite: rare('unknown.webex.com'),
    })
    .map(({ licenses, sites, unknownLicense, unknownSite }) => ({
      addLicenseIds: [...licenses.add, ...unknownLicense],
      removeLicenseIds: licenses.remove,
      addAttendeeSites: [...sites.add, ...unknownSite],
      removeAttendeeSites: sites.remove,
    }));
};

export const roleArb: fc.Arbitrary<ActorRole> = fc.constantFrom('admin', 'helpdesk', 'none');
