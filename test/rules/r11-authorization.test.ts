// R11 (DESIGN): only an administrator with full privileges edits licenses; helpdesk agents
// file requests an admin approves; everyone else is refused — whatever the change.
import { describe, expect, it } from 'vitest';
import { can } from '../../src/rules/index.js';
import { codes, verdictFor, type Case } from './fixtures.js';

// The seed has no sentence for R11; it comes from DESIGN section 1.
const QUOTE = 'R11 (DESIGN, not in the seed) "Only an administrator with full privileges edits licenses."';

interface Row extends Case {
  violations: string[];
}

const anyChange = { addLicenseIds: ['MSG-1'] };
const rows: Row[] = [
  { name: 'allowed: an admin applies', role: 'admin', intent: 'apply', change: anyChange, violations: [] },
  { name: 'allowed: an admin may also file a request', role: 'admin', intent: 'request', change: anyChange, violations: [] },
  { name: 'allowed: a helpdesk agent files a request', role: 'helpdesk', intent: 'request', change: anyChange, violations: [] },
  { name: 'refused: a helpdesk agent applying directly (request instead)', role: 'helpdesk', intent: 'apply', change: anyChange, violations: ['R11.request-only'] },
  { name: 'refused: someone without a role applying', role: 'none', intent: 'apply', change: anyChange, violations: ['R11.not-authorized'] },
  { name: 'refused: someone without a role requesting', role: 'none', intent: 'request', change: anyChange, violations: ['R11.not-authorized'] },
  { name: 'refused: someone without a role, even for an empty change', role: 'none', intent: 'apply', change: {}, violations: ['R11.not-authorized'] },
];

describe(QUOTE, () => {
  it.each(rows)('R11 $name', (row) => {
    expect(codes(verdictFor(row).violations)).toEqual(row.violations);
  });

  it.each([
    ['admin', { apply: true, request: true, view: true }],
    ['helpdesk', { apply: false, request: true, view: true }],
    ['none', { apply: false, request: false, view: false }],
  ] as const)('R11 can(%s, …)', (role, expected) => {
    expect({ apply: can(role, 'apply'), request: can(role, 'request'), view: can(role, 'view') }).toEqual(expected);
  });

  it('R11 a helpdesk request is still checked against the other rules', () => {
    const verdict = verdictFor({ role: 'helpdesk', intent: 'request', user: { licenseIds: ['CAL-STD-1'] }, change: { addLicenseIds: ['CX-1'] } });
    expect(codes(verdict.violations)).toEqual(['R4.standard-with-cx']);
  });
});
