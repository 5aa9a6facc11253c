import type { Caller } from '@pls/shared-kernel';
import { mayUnmaskMediationParty } from './unmask-party.use-case';

const mediation = { committeeOrgId: 'shifo-committee', regionCode: '512022101000' };
const caller = (roles: Caller['roles'], orgId: string, lines: Caller['lines'] = [], regionCode = '512022000000'): Caller => ({ userId: 'u', name: 'n', orgId, roles, regionCode, lines });

describe('who may unmask a mediation party', () => {
  it('is a mediator of the committee holding the case, not one of another committee in the county', () => {
    expect(mayUnmaskMediationParty(caller(['handler'], 'shifo-committee', ['mediation']), mediation)).toBe(true);
    expect(mayUnmaskMediationParty(caller(['handler'], 'county-committee', ['mediation']), mediation)).toBe(false);
    expect(mayUnmaskMediationParty(caller(['handler'], 'shifo-committee', ['legal-aid']), mediation)).toBe(false);
  });

  it('is a supervisor over the region, never the referring organ or the court', () => {
    expect(mayUnmaskMediationParty(caller(['supervisor'], 'lz-bureau'), mediation)).toBe(true);
    expect(mayUnmaskMediationParty(caller(['supervisor'], 'wtq-bureau', [], '511112000000'), mediation)).toBe(false);
    expect(mayUnmaskMediationParty(caller(['court'], 'lz-court'), mediation)).toBe(false);
    expect(mayUnmaskMediationParty(caller(['police'], 'lz-police'), mediation)).toBe(false);
  });
});
