// Properties over random orgs and random changes (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyChange, type ProposedChange, type User } from '../../src/domain/index.js';
import { attendeeOptions, callingLicensesOf, evaluate, planSiteAccount, takeWayOut } from '../../src/rules/index.js';
import { changeArb, ctxOf, orgArb, roleArb, usage, type Org } from './arbitraries.js';

const RUNS = 400;

/** An org, one of its users and a change for that user. */
const scenarioArb = (consistent: boolean) =>
  orgArb({ consistent }).chain((org) =>
    fc.record({ org: fc.constant(org), userIndex: fc.nat({ max: org.users.length - 1 }), change: changeArb(org) }),
  );

const applied = (user: User, result: { licenseIds: string[]; attendeeOf: string[] }): User => ({ ...user, ...result });

describe('rules properties', () => {
  it('evaluate never throws, whatever the org, role, intent and change', () => {
    fc.assert(
      fc.property(scenarioArb(false), roleArb, fc.constantFrom('apply', 'request') as fc.Arbitrary<'apply' | 'request'>, (s, actorRole, intent) => {
        const user = s.org.users[s.userIndex] as User;
        const verdict = evaluate({ ctx: ctxOf(s.org), actorRole, intent, user, change: s.change });
        expect(verdict.ok).toBe(verdict.violations.length === 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('an accepted verdict, applied and evaluated again as a no-op change, yields no violation', () => {
    fc.assert(
      fc.property(scenarioArb(true), (s) => {
        const user = s.org.users[s.userIndex] as User;
        const verdict = evaluate({ ctx: ctxOf(s.org), actorRole: 'admin', intent: 'apply', user, change: s.change });
        fc.pre(verdict.ok);
        const after = applied(user, verdict.result);
        const org: Org = { ...s.org, users: s.org.users.map((u, i) => (i === s.userIndex ? after : u)) };
        const again = evaluate({ ctx: ctxOf(org), actorRole: 'admin', intent: 'apply', user: after, change: emptyChange() });
        expect(again.violations).toEqual([]);
        expect(again.result).toEqual(verdict.result);
        expect(again.autoChanges).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('every way out a violation offers, once taken, ends that violation (the wizard one-click buttons)', () => {
    const key = (f: { code: string; params: object }) => `${f.code} ${JSON.stringify(f.params)}`;
    let taken = 0;
    fc.assert(
      fc.property(scenarioArb(true), (s) => {
        const user = s.org.users[s.userIndex] as User;
        const ctx = ctxOf(s.org);
        const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: s.change });
        for (const violation of verdict.violations) {
          for (const way of violation.waysOut ?? []) {
            taken += 1;
            const after = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: takeWayOut(user, s.change, way) });
            expect(after.violations.map(key), `${key(violation)} → ${way.kind}`).not.toContain(key(violation));
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(taken).toBeGreaterThan(0); // the generator reaches violations with ways out
  });

  it('R1 an accepted result never holds two Webex Calling licenses', () => {
    fc.assert(
      fc.property(scenarioArb(false), (s) => {
        const user = s.org.users[s.userIndex] as User;
        const ctx = ctxOf(s.org);
        const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change: s.change });
        if (verdict.ok) expect(callingLicensesOf(ctx, verdict.result.licenseIds).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('R12 no accepted sequence of changes ever uses more units than a license has', () => {
    const sequenceArb = orgArb({ consistent: true }).chain((org) =>
      fc.record({
        org: fc.constant(org),
        steps: fc.array(fc.record({ userIndex: fc.nat({ max: org.users.length - 1 }), change: changeArb(org) }), { minLength: 1, maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(sequenceArb, ({ org, steps }) => {
        let users = org.users;
        for (const step of steps) {
          const current: Org = { ...org, users };
          const user = users[step.userIndex] as User;
          const verdict = evaluate({ ctx: ctxOf(current), actorRole: 'admin', intent: 'apply', user, change: step.change });
          if (!verdict.ok) continue;
          users = users.map((u, i) => (i === step.userIndex ? applied(u, verdict.result) : u));
          const used = usage(users);
          for (const license of org.licenses) expect(used[license.id] ?? 0).toBeLessThanOrEqual(license.totalUnits);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the verdict does not depend on the order (or repetition) of ids in the change', () => {
    const permuted = (values: string[]) =>
      fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }).chain((perm) =>
        fc.subarray(values).map((extra) => [...perm, ...extra]),
      );
    fc.assert(
      fc.property(
        scenarioArb(false).chain((s) =>
          fc.record({
            s: fc.constant(s),
            other: fc.record({
              addLicenseIds: permuted(s.change.addLicenseIds),
              removeLicenseIds: permuted(s.change.removeLicenseIds),
              addAttendeeSites: permuted(s.change.addAttendeeSites),
              removeAttendeeSites: permuted(s.change.removeAttendeeSites),
            }) as fc.Arbitrary<ProposedChange>,
          }),
        ),
        roleArb,
        ({ s, other }, actorRole) => {
          const user = s.org.users[s.userIndex] as User;
          const ctx = ctxOf(s.org);
          const a = evaluate({ ctx, actorRole, intent: 'apply', user, change: s.change });
          const shuffledUser = { ...user, licenseIds: [...user.licenseIds].reverse(), attendeeOf: [...user.attendeeOf].reverse() };
          const b = evaluate({ ctx, actorRole, intent: 'apply', user: shuffledUser, change: other });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('R6 R7 an attendee choice the card offers (attendeeOptions) never hits R6 or R7', () => {
    fc.assert(
      fc.property(scenarioArb(false), (s) => {
        const user = s.org.users[s.userIndex] as User;
        const ctx = ctxOf(s.org);
        for (const option of attendeeOptions(ctx, user).filter((o) => o.allowed)) {
          const change = planSiteAccount({ ctx, user, change: emptyChange(), siteUrl: option.siteUrl, type: 'attendee' });
          const verdict = evaluate({ ctx, actorRole: 'admin', intent: 'apply', user, change });
          expect(verdict.violations.filter((v) => v.rule === 'R6' || v.rule === 'R7')).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
