import { Inject, Injectable } from '@nestjs/common';
import { type BusinessLine, organisationStreamId } from '@pls/directory-domain';
import { DomainRuleViolation } from '@pls/shared-kernel';
import { assertMayManageReferenceData } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DIRECTORY_REGION_CATALOG, type DirectoryRegionCatalog } from '../directory-options';
import { DirectoryRecords } from '../directory-records';
import { DirectoryReadModel } from '../read-models/directory-read-model';

/** Absent: unchanged; null: cleared (phone, address). */
export interface UpdateOrganisationInput {
  readonly orgId: string;
  readonly name?: string;
  readonly phone?: string | null;
  readonly address?: string | null;
  readonly lines?: readonly BusinessLine[];
  readonly jurisdiction?: readonly string[];
}

@Injectable()
export class UpdateOrganisation {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
    private readonly readModel: DirectoryReadModel,
    @Inject(DIRECTORY_REGION_CATALOG) private readonly regions: DirectoryRegionCatalog,
  ) {}

  async execute(input: UpdateOrganisationInput, { requester, metadata }: UseCaseContext): Promise<{ readonly orgId: string }> {
    assertMayManageReferenceData(requester, 'organisations');
    for (const code of input.jurisdiction ?? []) this.regions.require(code);
    const current = await this.records.organisationFacts(input.orgId);
    if (current !== null && input.lines !== undefined) await this.assertNoStaffLosesALine(input.orgId, current.lines, input.lines);
    // An unknown organisation is refused by the decider (ORGANISATION_NOT_FOUND).
    await this.handlers.organisations.handle(organisationStreamId(input.orgId), {
      type: 'UpdateOrganisation',
      data: {
        orgId: input.orgId,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.phone === undefined ? {} : { phone: input.phone }),
        ...(input.address === undefined ? {} : { address: input.address }),
        ...(input.lines === undefined ? {} : { lines: input.lines }),
        ...(input.jurisdiction === undefined ? {} : { jurisdiction: input.jurisdiction }),
      },
      metadata: current === null ? metadata : inRegion(metadata, current.regionCode),
    });
    return { orgId: input.orgId };
  }

  /**
   * DOMAIN §9: a member sees only lines their organisation serves, so a line goes only once nobody
   * active still holds it; the staff are in the read model, which the aggregate cannot see.
   */
  private async assertNoStaffLosesALine(orgId: string, current: readonly BusinessLine[], next: readonly BusinessLine[]): Promise<void> {
    const removed = current.filter((line) => !next.includes(line));
    if (removed.length === 0) return;
    const holders = await this.readModel.activeStaffHoldingAnyLine(orgId, removed);
    if (holders.length === 0) return;
    throw new DomainRuleViolation(
      'ORGANISATION_LINE_HELD_BY_STAFF',
      `${holders.map((member) => member.name).join(', ')} still work in ${removed.filter((line) => holders.some((member) => member.lines.includes(line))).join(', ')}; change their lines first`,
      { orgId, lines: removed, userIds: holders.map((member) => member.userId) },
    );
  }
}
