import { Injectable } from '@nestjs/common';
import { ancestorRegionCodes, Forbidden, hasRole, isWithin, padRegionCode, type Caller } from '@pls/shared-kernel';
import { isLegalAidStaff } from '../shared/application-access';
import { LegalAidStreams } from '../shared/legal-aid-streams';

export interface RegionSettingsView {
  readonly regionCode: string;
  /** 容缺受理 allowed for applications of agencies in this region. */
  readonly acceptWithMaterialsOutstanding: boolean;
  /** The region whose setting applies (this one or the nearest ancestor that set one); null: never set, not allowed. */
  readonly setByRegionCode: string | null;
  readonly setAt: string | null;
}

/**
 * A region's legal aid settings, set by its justice bureau (supervisor or admin of that region) and
 * inherited by its subtree until a region below sets its own.
 */
@Injectable()
export class RegionSettings {
  constructor(private readonly streams: LegalAidStreams) {}

  async setAcceptWithMaterialsOutstanding(caller: Caller, input: { regionCode: string; allowed: boolean }, commandId: string): Promise<RegionSettingsView> {
    if (!hasRole(caller, 'supervisor', 'admin')) throw new Forbidden('ROLE_NOT_ALLOWED', '容缺受理 is set by the justice bureau (supervisor or admin)');
    const regionCode = padRegionCode(input.regionCode);
    if (!isWithin(regionCode, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${input.regionCode} lies outside your region scope`);
    await this.streams.sendSettings(regionCode, {
      type: 'SetAcceptWithMaterialsOutstanding',
      data: { regionCode, allowed: input.allowed },
      metadata: this.streams.metadata(caller, commandId, { regionCode }),
    });
    return this.effective(regionCode);
  }

  async settings(caller: Caller, input: { regionCode?: string | null }): Promise<RegionSettingsView> {
    if (!isLegalAidStaff(caller)) throw new Forbidden('ROLE_NOT_ALLOWED', 'legal aid settings are read by legal aid handlers and supervisors');
    const regionCode = input.regionCode ? padRegionCode(input.regionCode) : caller.regionCode;
    if (!isWithin(regionCode, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${input.regionCode} lies outside your region scope`);
    return this.effective(regionCode);
  }

  /** The nearest setting at or above the region; none means 容缺受理 is not allowed. */
  async effective(regionCode: string): Promise<RegionSettingsView> {
    const chain = [regionCode, ...ancestorRegionCodes(regionCode).reverse()];
    const found = await (await this.streams.regionSettings()).find({ regionCode: { $in: chain } });
    const nearest = found.sort((a, b) => chain.indexOf(a.regionCode) - chain.indexOf(b.regionCode))[0];
    return nearest
      ? { regionCode, acceptWithMaterialsOutstanding: nearest.acceptWithMaterialsOutstanding, setByRegionCode: nearest.regionCode, setAt: nearest.setAt }
      : { regionCode, acceptWithMaterialsOutstanding: false, setByRegionCode: null, setAt: null };
  }
}
