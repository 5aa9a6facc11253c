import { Injectable } from '@nestjs/common';
import { DirectoryReadModel, type OrganisationDocument } from '@pls/directory-application';
import DataLoader from 'dataloader';

/**
 * Batches the organisation look-ups of one GraphQL request (a page of staff members, each with its
 * organisation and that one's parent) into one read. One loader per request, so nothing is cached
 * across requests and every answer sees the read model as it is.
 */
@Injectable()
export class OrganisationLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, OrganisationDocument | null>>();

  constructor(private readonly readModel: DirectoryReadModel) {}

  load(request: object, orgId: string): Promise<OrganisationDocument | null> {
    let loader = this.loaders.get(request);
    if (!loader) {
      loader = new DataLoader(async (orgIds: readonly string[]) => {
        const found = await this.readModel.organisationsByIds(orgIds);
        return orgIds.map((orgId) => found.get(orgId) ?? null);
      });
      this.loaders.set(request, loader);
    }
    return loader.load(orgId);
  }
}

/** The per-request object a loader is kept on: the HTTP request the GraphQL context carries. */
export function requestOf(context: { req?: object }): object {
  return context.req ?? context;
}
