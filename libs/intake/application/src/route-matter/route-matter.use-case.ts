import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import type { BusinessLine } from '@pls/intake-domain';
import { NotFound, regionLevel, type Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/**
 * 分流 / 转办: by default to the region's agency for the line (the directory knows which); the clerk
 * may pick another level or region with a reason (异地协作), which the domain insists on.
 */
@Injectable()
export class RouteMatter {
  constructor(
    private readonly matters: MatterCommands,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  execute(caller: Caller, input: { caseCode: string; line: BusinessLine; handlingOrgId?: string | null; reason?: string | null }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, async (matter, metadata) => {
      const defaultOrg = await this.directory.defaultAgencyFor(matter.receivingRegionCode, input.line);
      const handling = input.handlingOrgId ? await this.directory.organisation(input.handlingOrgId) : defaultOrg;
      if (!handling || handling.closed) {
        throw new NotFound(
          input.handlingOrgId ? 'ORGANISATION_NOT_FOUND' : 'NO_DEFAULT_AGENCY',
          input.handlingOrgId ? `no open organisation ${input.handlingOrgId}` : `no ${input.line} agency serves region ${matter.receivingRegionCode}; name one with handlingOrgId`,
        );
      }
      return {
        type: 'RouteMatter',
        data: {
          line: input.line,
          handlingOrg: { orgId: handling.orgId, regionCode: handling.regionCode, level: regionLevel(handling.regionCode), lines: handling.lines as BusinessLine[] },
          defaultOrg: defaultOrg ? { orgId: defaultOrg.orgId, regionCode: defaultOrg.regionCode, level: regionLevel(defaultOrg.regionCode) } : null,
          reason: input.reason ?? null,
        },
        metadata,
      };
    });
  }
}
