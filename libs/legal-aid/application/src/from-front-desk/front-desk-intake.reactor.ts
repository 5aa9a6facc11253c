import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, parseStreamName, READ_STORE, type Logger, type ReadCollection, type ReadDocument, type ReadStore, type Reactor, type RecordedEvent } from '@pls/event-sourcing';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { INTAKE_TOPIC, MATTER_REGISTERED, MATTER_ROUTED, type MatterRoutedContract } from '@pls/intake-contracts';
import type { ReceiveApplication } from '@pls/legal-aid-domain';
import { deterministicId, DomainRuleViolation, InvalidInput, NotFound } from '@pls/shared-kernel';
import { applicationNumber, shanghaiYear } from '../receive-application/application-number';
import { ApplicationCommands } from '../shared/application-commands';

/** What the reactor keeps of `intake.MatterRegistered`: just enough to open the application. */
export interface FrontDeskRegistration extends ReadDocument {
  readonly _id: string;
  readonly caseCode: string;
  readonly applicant: { readonly name: string; readonly idNumber: string; readonly phone: string | null } | null;
  readonly matterTypeCode: string;
  readonly description: string;
}

export const FRONT_DESK_REGISTRATIONS = 'legal-aid.front-desk-registrations';
const WAGE_ARREARS = 'legal-aid.wage-arrears';

/**
 * 前台受理 → 法律援助受理: a matter the front desk routes to legal aid opens an application at the
 * handling agency, whose `ApplicationReceived` tells the desk it was accepted. The registration
 * arrives first (both are keyed by the matter's stream, so per-key order holds) and is kept in a
 * small local view. The command id derives from the routing event id, so a redelivered routing
 * finds its application already received. Refusals are logged and dropped: retrying cannot change
 * them; the desk still sees the matter awaiting acceptance and its deadline.
 */
@Injectable()
export class FrontDeskIntakeReactor implements Reactor {
  readonly name = 'legal-aid.from-front-desk';
  readonly topics = [INTAKE_TOPIC];

  constructor(
    private readonly applications: ApplicationCommands,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === MATTER_REGISTERED) return this.remember(event);
    if (event.type === MATTER_ROUTED) return this.receive(event);
  }

  private registrations(): Promise<ReadCollection<FrontDeskRegistration>> {
    return this.readStore.collection<FrontDeskRegistration>(FRONT_DESK_REGISTRATIONS, { name: FRONT_DESK_REGISTRATIONS, indexes: [] });
  }

  private async remember(event: RecordedEvent): Promise<void> {
    const data = event.data as {
      matterId: string;
      caseCode: string;
      applicant: { kind: string; name: string; idNumber?: string; idType?: string; phone?: string };
      matterType: { code: string; line: string | null };
      description: string;
    };
    if (data.matterType.line !== 'legal-aid') return;
    const person = data.applicant.kind === 'person' && data.applicant.idType === 'resident-id' && data.applicant.idNumber;
    const registration: FrontDeskRegistration = {
      _id: data.matterId,
      caseCode: data.caseCode,
      applicant: person ? { name: data.applicant.name, idNumber: data.applicant.idNumber as string, phone: data.applicant.phone ?? null } : null,
      matterTypeCode: data.matterType.code,
      description: data.description,
    };
    await (await this.registrations()).applyGuarded(data.matterId, event.streamId, event.streamRevision, () => registration);
  }

  private async receive(event: RecordedEvent): Promise<void> {
    const routed = event.data as MatterRoutedContract;
    if (routed.line !== 'legal-aid') return;
    const matterId = parseStreamName(event.streamId).id;
    const commandId = deterministicId(this.name, event.eventId);
    const applicationId = deterministicId('legal-aid.application', commandId);
    const log = (code: string, reason: string) => this.logger.warn('front-desk matter not received as a legal aid application', { eventId: event.eventId, matterId, code, reason });
    const registration = await (await this.registrations()).get(matterId);
    if (!registration) return log('REGISTRATION_UNKNOWN', 'the matter was registered as another line or before this service followed the desk');
    if (!registration.applicant) return log('APPLICANT_NOT_A_RESIDENT', 'legal aid needs a natural person with a resident ID; the agency receives it directly');
    const agency = await this.directory.organisation(routed.handlingOrg.orgId);
    if (!agency) return log('AGENCY_NOT_FOUND', `no organisation ${routed.handlingOrg.orgId}`);
    const wages = registration.matterTypeCode === WAGE_ARREARS;
    const command: ReceiveApplication = {
      type: 'ReceiveApplication',
      data: {
        applicationId,
        applicationNo: applicationNumber({ year: shanghaiYear(routed.routedAt), regionCode: agency.regionCode, agencyName: agency.name, serial: event.globalPosition }),
        agencyOrgId: agency.orgId,
        agencyRegionCode: agency.regionCode,
        source: { kind: 'front-desk', frontDesk: { matterId, caseCode: registration.caseCode } },
        applicant: registration.applicant,
        // Art. 31(5): wage arrears are a claim for labour remuneration; other matters are reclassified at review.
        category: { kind: 'civil', subCategory: wages ? 'labour-relations-remuneration' : 'other-statutory' },
        adverseParty: null,
        // Art. 42: a migrant worker claiming wages is not means-checked; others declare hardship to be checked.
        means: wages ? { declaredHardship: true, exemption: { article: 42, grounds: ['migrant-worker-wages-or-work-injury'] } } : { declaredHardship: true, exemption: null },
        greenChannel: wages ? ['migrant-worker'] : [],
      },
      metadata: {
        commandId,
        now: this.applications.clock.now().toISOString(),
        // The receipt is the handling agency's act, taken on the desk's routing.
        actor: { userId: `system:${this.name}`, orgId: agency.orgId, roles: [] },
        correlationId: event.metadata.correlationId,
        causationId: event.eventId,
        caseCode: registration.caseCode,
        regionCode: agency.regionCode,
      },
    };
    try {
      await this.applications.send(applicationId, command);
    } catch (error) {
      if (error instanceof DomainRuleViolation || error instanceof NotFound || error instanceof InvalidInput) return log(error.code, error.message);
      throw error;
    }
  }
}
