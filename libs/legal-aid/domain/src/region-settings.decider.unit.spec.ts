import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { regionSettingsDecider, type AcceptWithMaterialsOutstandingSet, type SetAcceptWithMaterialsOutstanding } from './region-settings.decider';

const spec = DeciderSpecification(regionSettingsDecider());
const bureau = { userId: 'bureau-zhao', orgId: 'org-lezhi-justice-bureau', roles: ['supervisor'] };
const NOW = '2026-09-01T02:00:00.000Z';
const set = (allowed: boolean, regionCode = '512022'): SetAcceptWithMaterialsOutstanding => ({
  type: 'SetAcceptWithMaterialsOutstanding',
  data: { regionCode, allowed },
  metadata: { commandId: `s-${allowed}`, now: NOW, actor: bureau },
});
const wasSet = (allowed: boolean): AcceptWithMaterialsOutstandingSet => ({
  type: 'AcceptWithMaterialsOutstandingSet',
  data: { regionCode: '512022000000', allowed, setAt: NOW, setBy: { userId: bureau.userId, orgId: bureau.orgId } },
});

describe('SetAcceptWithMaterialsOutstanding (容缺受理 as a regional setting)', () => {
  it('given nothing, when the county allows it, then the setting is recorded under the 12-digit code', () => {
    spec.given([]).when(set(true)).then([wasSet(true)]);
  });

  it('given it is allowed, when the county withdraws it, then the change is recorded', () => {
    spec.given([wasSet(true)]).when(set(false)).then([wasSet(false)]);
  });

  it('given it is allowed, when it is allowed again, then nothing happens', () => {
    spec.given([wasSet(true)]).when(set(true)).thenNothingHappens();
  });

  it('given nothing, when the region code is malformed or allowed is not a boolean, then it is refused as invalid input', () => {
    spec.given([]).when(set(true, '51202')).thenRefuses('REGION_CODE_MALFORMED');
    spec.given([]).when({ ...set(true), data: { regionCode: '512022', allowed: 'yes' as never } }).thenRefuses('FLAG_INVALID');
  });
});
