import type { Caller } from '@pls/shared-kernel';
import { mayUnmaskMatterApplicant } from './unmask-applicant.use-case';

const matter = { receivingOrgId: 'lz-room', handlingOrgId: 'lz-legal-aid', receivingRegionCode: '512022101208', handlingRegionCode: '512022000000' };
const caller = (roles: Caller['roles'], orgId: string, regionCode = '512022000000'): Caller => ({ userId: 'u', name: 'n', orgId, roles, regionCode, lines: [] });

describe('who may unmask a front-desk applicant', () => {
  it('is the clerk of the receiving desk, not a clerk of another desk in the same county', () => {
    expect(mayUnmaskMatterApplicant(caller(['clerk'], 'lz-room'), matter)).toBe(true);
    expect(mayUnmaskMatterApplicant(caller(['clerk'], 'lz-centre'), matter)).toBe(false);
  });

  it('is a handler of the handling agency, not of another agency, and nobody\'s handler before routing', () => {
    expect(mayUnmaskMatterApplicant(caller(['handler'], 'lz-legal-aid'), matter)).toBe(true);
    expect(mayUnmaskMatterApplicant(caller(['handler'], 'lz-committee'), matter)).toBe(false);
    expect(mayUnmaskMatterApplicant(caller(['handler'], 'lz-legal-aid'), { ...matter, handlingOrgId: null, handlingRegionCode: null })).toBe(false);
  });

  it('is a supervisor over the region, not one of another county', () => {
    expect(mayUnmaskMatterApplicant(caller(['supervisor'], 'lz-bureau'), matter)).toBe(true);
    expect(mayUnmaskMatterApplicant(caller(['supervisor'], 'wtq-bureau', '511112000000'), matter)).toBe(false);
  });

  it('is never an integrator or an admin by those roles, even of the receiving organisation', () => {
    expect(mayUnmaskMatterApplicant(caller(['court'], 'lz-room'), matter)).toBe(false);
    expect(mayUnmaskMatterApplicant(caller(['admin'], 'lz-room'), matter)).toBe(false);
  });
});
