import type { Caller } from '@pls/shared-kernel';
import { mayUnmaskLegalAidApplicant } from './unmask-applicant.use-case';

const application = { agencyOrgId: 'lz-legal-aid', regionCode: '512022000000' };
const caller = (roles: Caller['roles'], orgId: string, lines: Caller['lines'] = [], regionCode = '512022000000'): Caller => ({ userId: 'u', name: 'n', orgId, roles, regionCode, lines });

describe('who may unmask a legal-aid applicant', () => {
  it('is a legal aid handler of the agency, not of another agency nor of another line', () => {
    expect(mayUnmaskLegalAidApplicant(caller(['handler'], 'lz-legal-aid', ['legal-aid']), application)).toBe(true);
    expect(mayUnmaskLegalAidApplicant(caller(['handler'], 'wtq-legal-aid', ['legal-aid'], '511112000000'), application)).toBe(false);
    expect(mayUnmaskLegalAidApplicant(caller(['handler'], 'lz-legal-aid', ['mediation']), application)).toBe(false);
  });

  it('is a supervisor over the agency\'s region, never a notifying organ or a clerk', () => {
    expect(mayUnmaskLegalAidApplicant(caller(['supervisor'], 'lz-bureau'), application)).toBe(true);
    expect(mayUnmaskLegalAidApplicant(caller(['supervisor'], 'wtq-bureau', [], '511112000000'), application)).toBe(false);
    expect(mayUnmaskLegalAidApplicant(caller(['procuratorate'], 'lz-procuratorate'), application)).toBe(false);
    expect(mayUnmaskLegalAidApplicant(caller(['clerk'], 'lz-room'), application)).toBe(false);
  });
});
