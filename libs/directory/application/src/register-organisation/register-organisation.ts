import { Inject, Injectable } from '@nestjs/common';
import { type BusinessLine, type OrganisationKind, organisationStreamId } from '@pls/directory-domain';
import { deterministicId } from '@pls/shared-kernel';
import { assertMayManageReferenceData } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DIRECTORY_REGION_CATALOG, type DirectoryRegionCatalog } from '../directory-options';
import { DirectoryRecords } from '../directory-records';

export interface RegisterOrganisationInput {
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly regionCode: string;
  readonly parentOrgId?: string | null;
  readonly lines: readonly BusinessLine[];
  readonly jurisdiction?: readonly string[] | null;
  readonly address?: string | null;
  readonly phone?: string | null;
}

/**
 * The id derives from the command id: a retry with the same command id lands on the same stream,
 * where the command handler finds the command already handled and returns its first result.
 */
export function organisationIdFor(commandId: string): string {
  return deterministicId('directory', 'organisation', commandId);
}

@Injectable()
export class RegisterOrganisation {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
    @Inject(DIRECTORY_REGION_CATALOG) private readonly regions: DirectoryRegionCatalog,
  ) {}

  async execute(input: RegisterOrganisationInput, { requester, metadata }: UseCaseContext): Promise<{ readonly orgId: string }> {
    assertMayManageReferenceData(requester, 'organisations');
    // The domain checks a code's shape and level; only the division data knows whether it exists.
    const region = this.regions.require(input.regionCode);
    for (const code of input.jurisdiction ?? []) this.regions.require(code);
    const parent = input.parentOrgId ? await this.records.requireOrganisation(input.parentOrgId, 'parentOrgId') : null;
    const orgId = organisationIdFor(metadata.commandId);
    await this.handlers.organisations.handle(organisationStreamId(orgId), {
      type: 'RegisterOrganisation',
      data: {
        orgId,
        name: input.name,
        kind: input.kind,
        regionCode: input.regionCode,
        parent,
        lines: input.lines,
        jurisdiction: input.jurisdiction ?? [],
        address: input.address ?? null,
        phone: input.phone ?? null,
      },
      metadata: inRegion(metadata, region.code),
    });
    return { orgId };
  }
}
