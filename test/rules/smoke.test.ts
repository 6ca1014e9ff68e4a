import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/index.js';
import { change, codes, makeCtx, makeUser } from './fixtures.js';

describe('evaluate (smoke)', () => {
  it('R3+R4: Attendant Console on a Standard + CX user switches to Professional', () => {
    const v = evaluate({
      ctx: makeCtx(),
      actorRole: 'admin',
      intent: 'apply',
      user: makeUser({ licenseIds: ['CAL-STD-1', 'CX-1'] }),
      change: change({ addLicenseIds: ['AC-1'] }),
    });
    expect(codes(v.violations)).toEqual([]);
    expect(codes(v.autoChanges)).toEqual(['R3.switch-to-professional']);
    expect(v.result.licenseIds).toEqual(['AC-1', 'CAL-PRO-1', 'CX-1']);
  });
});
