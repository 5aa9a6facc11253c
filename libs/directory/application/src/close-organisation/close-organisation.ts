import { Injectable } from '@nestjs/common';
import { organisationStreamId } from '@pls/directory-domain';
import { DomainRuleViolation } from '@pls/shared-kernel';
import { assertMayManageReferenceData } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';
import { DirectoryReadModel } from '../read-models/directory-read-model';

export interface CloseOrganisationInput {
  readonly orgId: string;
  readonly reason: string;
}

@Injectable()
export class CloseOrganisation {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
    private readonly readModel: DirectoryReadModel,
  ) {}

  /**
   * Nothing may be left hanging below a closed organisation (records are evidence, DOMAIN §9):
   * its active staff would carry a closed organisation in their tokens, and its open children
   * would route matters to a parent that no longer answers. Move or close those first.
   */
  async execute(input: CloseOrganisationInput, { requester, metadata }: UseCaseContext): Promise<{ readonly orgId: string }> {
    assertMayManageReferenceData(requester, 'organisations');
    const current = await this.records.requireOrganisation(input.orgId, 'orgId');
    if (!current.closed) {
      const staff = await this.readModel.activeStaffCount(input.orgId);
      if (staff > 0) {
        throw new DomainRuleViolation('ORGANISATION_HAS_ACTIVE_STAFF', `${staff} active staff members still work at ${input.orgId}; move or deactivate them first`, {
          orgId: input.orgId,
          staff,
        });
      }
      const children = await this.readModel.openChildOrganisations(input.orgId);
      if (children > 0) {
        throw new DomainRuleViolation('ORGANISATION_HAS_OPEN_CHILDREN', `${children} open organisations still hang below ${input.orgId}; close them first`, {
          orgId: input.orgId,
          children,
        });
      }
    }
    await this.handlers.organisations.handle(organisationStreamId(input.orgId), {
      type: 'CloseOrganisation',
      data: { orgId: input.orgId, reason: input.reason },
      metadata: inRegion(metadata, current.regionCode),
    });
    return { orgId: input.orgId };
  }
}
