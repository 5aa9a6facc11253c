import { DEMO_LOGINS, type DemoLogin } from '@pls/directory-domain';
import { type CommandMetadata, type Projection, ProjectionRunner, type ReadDocument, RecordingLogger } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { MemoryReadStore } from '@pls/infrastructure';
import { newId, RegionCatalog } from '@pls/shared-kernel';
import type { Requester, UseCaseContext } from '../access/requester';
import { ChangeStaffLines } from '../change-staff-lines/change-staff-lines';
import { ChangeStaffRoles } from '../change-staff-roles/change-staff-roles';
import { CloseOrganisation } from '../close-organisation/close-organisation';
import { DeactivateStaffMember } from '../deactivate-staff-member/deactivate-staff-member';
import { DemoSignIn } from '../demo-sign-in/demo-sign-in';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryLookupService } from '../directory-lookup/directory-lookup.service';
import { DirectoryRecords } from '../directory-records';
import { EndProfessionalProfile } from '../end-professional-profile/end-professional-profile';
import { MoveStaffMember } from '../move-staff-member/move-staff-member';
import { DirectoryReadModel } from '../read-models/directory-read-model';
import { organisationsProjection } from '../read-models/organisations/organisations.projection';
import { DirectoryRegions } from '../read-models/regions/directory-regions';
import { regionsProjection } from '../read-models/regions/regions.projection';
import { staffProjection } from '../read-models/staff/staff.projection';
import { RecordProfessionalProfile } from '../record-professional-profile/record-professional-profile';
import { RecordRegionPopulation } from '../record-region-population/record-region-population';
import { RegisterOrganisation } from '../register-organisation/register-organisation';
import { RegisterStaffMember } from '../register-staff-member/register-staff-member';
import { SeedDemoDirectory } from '../seed-demo-directory/seed-demo-directory';
import { UpdateOrganisation } from '../update-organisation/update-organisation';

/** The runner takes projections of any document type, as the process registry stores them. */
export const DIRECTORY_PROJECTIONS = [organisationsProjection, staffProjection, regionsProjection] as unknown as readonly Projection<ReadDocument>[];

/** One catalog for every kit: loading Sichuan's townships and villages once is enough. */
const catalog = new RegionCatalog({ provinces: ['51'] });

export function demoLogin(username: string): DemoLogin {
  const login = DEMO_LOGINS.find((candidate) => candidate.username === username);
  if (!login) throw new Error(`no demo login ${username}`);
  return login;
}

/** The requester a demo user's token would describe. */
export function demoRequester(username: string): Requester {
  const { userId, orgId, roles, regionCode } = demoLogin(username);
  return { userId, orgId, roles, regionCode };
}

/**
 * The directory application wired by hand over the in-memory event store and the embedded read
 * store, as the Nest module wires it, for specs that exercise use cases and queries together. `project()`
 * plays the projector: it applies every event appended since the last call.
 */
export class DirectoryTestKit {
  readonly store = new MemoryEventStore();
  readonly readStore = new MemoryReadStore();
  readonly logger = new RecordingLogger();
  readonly runner = new ProjectionRunner({ readStore: this.readStore, projections: DIRECTORY_PROJECTIONS });
  readonly catalog = catalog;
  readonly handlers = new DirectoryCommandHandlers(this.store);
  readonly records = new DirectoryRecords(this.handlers);
  readonly readModel = new DirectoryReadModel(this.readStore);
  readonly regions = new DirectoryRegions(catalog, this.readModel);
  readonly lookup = new DirectoryLookupService(this.readModel);
  readonly demoSignIn = new DemoSignIn(this.readModel);
  readonly seed = new SeedDemoDirectory(this.handlers, this.store, this.logger);
  readonly registerOrganisation = new RegisterOrganisation(this.handlers, this.records, catalog);
  readonly updateOrganisation = new UpdateOrganisation(this.handlers, this.records, this.readModel, catalog);
  readonly closeOrganisation = new CloseOrganisation(this.handlers, this.records, this.readModel);
  readonly registerStaffMember = new RegisterStaffMember(this.handlers, this.records);
  readonly changeStaffRoles = new ChangeStaffRoles(this.handlers, this.records);
  readonly changeStaffLines = new ChangeStaffLines(this.handlers, this.records);
  readonly moveStaffMember = new MoveStaffMember(this.handlers, this.records);
  readonly deactivateStaffMember = new DeactivateStaffMember(this.handlers, this.records);
  readonly recordProfessionalProfile = new RecordProfessionalProfile(this.handlers, this.records);
  readonly endProfessionalProfile = new EndProfessionalProfile(this.handlers, this.records);
  readonly recordRegionPopulation = new RecordRegionPopulation(this.handlers, catalog);
  private projected = 0;

  /** Opens the projections and, unless told otherwise, loads the demo seed into both stores. */
  static async create(options: { seeded?: boolean } = {}): Promise<DirectoryTestKit> {
    const kit = new DirectoryTestKit();
    await kit.runner.open();
    if (options.seeded ?? true) {
      await kit.seed.seed();
      await kit.project();
    }
    return kit;
  }

  async project(): Promise<void> {
    for (const event of await this.store.readAll({ after: this.projected })) {
      await this.runner.apply(event);
      this.projected = event.globalPosition;
    }
  }

  context(requester: Requester, commandId: string = newId()): UseCaseContext {
    const metadata: CommandMetadata = {
      commandId,
      now: '2026-03-02T01:00:00.000Z',
      actor: { userId: requester.userId, orgId: requester.orgId, roles: [...requester.roles] },
      correlationId: commandId,
    };
    return { requester, metadata };
  }

  eventCount(): Promise<number> {
    return this.store.headPosition();
  }
}
