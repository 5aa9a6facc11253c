import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, parseStreamName, READ_STORE, type Logger, type ReadCollection, type ReadDocument, type ReadStore, type Reactor, type RecordedEvent } from '@pls/event-sourcing';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { INTAKE_TOPIC, MATTER_REGISTERED, MATTER_ROUTED, type MatterRoutedContract } from '@pls/intake-contracts';
import type { OpenMediation, PartyInput } from '@pls/mediation-domain';
import { deterministicId, DomainRuleViolation, InvalidInput, NotFound } from '@pls/shared-kernel';
import { mediationCaseNumber, shanghaiYear } from '../shared/case-number';
import { categoryFromDescription } from '../shared/dispute-category';
import { MediationCommands } from '../shared/mediation-commands';

/** What the reactor keeps of `intake.MatterRegistered`: just enough to open the case. */
export interface MediationFrontDeskRegistration extends ReadDocument {
  readonly _id: string;
  readonly caseCode: string;
  /** Null for an applicant the committee cannot name as a party (a person without a resident ID). */
  readonly applicant: PartyInput | null;
  readonly description: string;
}

export const MEDIATION_FRONT_DESK_REGISTRATIONS = 'mediation.front-desk-registrations';

/**
 * 前台受理 → 人民调解受理: a matter the front desk routes to mediation opens a case at the handling
 * committee, whose `MediationOpened` tells the desk it was accepted. The registration arrives first
 * (both are keyed by the matter's stream, so per-key order holds) and is kept in a small local view.
 * The command id derives from the routing event id, so a redelivered routing finds its case opened.
 * The desk names only the applicant: the committee adds the other side before consent. Refusals are
 * logged and dropped: retrying cannot change them; the desk still sees the matter awaiting acceptance.
 */
@Injectable()
export class MediationFrontDeskReactor implements Reactor {
  readonly name = 'mediation.from-front-desk';
  readonly topics = [INTAKE_TOPIC];

  constructor(
    private readonly mediations: MediationCommands,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === MATTER_REGISTERED) return this.remember(event);
    if (event.type === MATTER_ROUTED) return this.open(event);
  }

  private registrations(): Promise<ReadCollection<MediationFrontDeskRegistration>> {
    return this.readStore.collection<MediationFrontDeskRegistration>(MEDIATION_FRONT_DESK_REGISTRATIONS, { name: MEDIATION_FRONT_DESK_REGISTRATIONS, indexes: [] });
  }

  private async remember(event: RecordedEvent): Promise<void> {
    const data = event.data as {
      matterId: string;
      caseCode: string;
      applicant: { kind: string; name: string; idNumber?: string; idType?: string; phone?: string; uscc?: string };
      matterType: { code: string; line: string | null };
      description: string;
    };
    if (data.matterType.line !== 'mediation') return;
    const applicant = data.applicant;
    const party: PartyInput | null =
      applicant.kind === 'person' && applicant.idType === 'resident-id' && applicant.idNumber
        ? { kind: 'person', name: applicant.name, idNumber: applicant.idNumber, phone: applicant.phone ?? null }
        : applicant.kind === 'organisation' && applicant.uscc
          ? { kind: 'organisation', name: applicant.name, uscc: applicant.uscc }
          : null;
    const registration: MediationFrontDeskRegistration = { _id: data.matterId, caseCode: data.caseCode, applicant: party, description: data.description };
    await (await this.registrations()).applyGuarded(data.matterId, event.streamId, event.streamRevision, () => registration);
  }

  private async open(event: RecordedEvent): Promise<void> {
    const routed = event.data as MatterRoutedContract;
    if (routed.line !== 'mediation') return;
    const matterId = parseStreamName(event.streamId).id;
    const commandId = deterministicId(this.name, event.eventId);
    const caseId = deterministicId('mediation.case', commandId);
    const log = (code: string, reason: string) => this.logger.warn('front-desk matter not opened as a mediation', { eventId: event.eventId, matterId, code, reason });
    const registration = await (await this.registrations()).get(matterId);
    if (!registration) return log('REGISTRATION_UNKNOWN', 'the matter was registered as another line or before this service followed the desk');
    if (!registration.applicant) return log('APPLICANT_NOT_IDENTIFIED', 'a party is a person with a resident ID or an organisation with a USCC; the committee opens it directly');
    const committee = await this.directory.organisation(routed.handlingOrg.orgId);
    if (!committee) return log('COMMITTEE_NOT_FOUND', `no organisation ${routed.handlingOrg.orgId}`);
    const command: OpenMediation = {
      type: 'OpenMediation',
      data: {
        caseId,
        caseNo: mediationCaseNumber({ year: shanghaiYear(routed.routedAt), regionCode: committee.regionCode, committeeName: committee.name, serial: event.globalPosition }),
        committeeOrgId: committee.orgId,
        committeeRegionCode: committee.regionCode,
        source: { kind: 'front-desk', frontDesk: { matterId, caseCode: registration.caseCode } },
        category: categoryFromDescription(registration.description),
        parties: [registration.applicant],
        claim: registration.description,
      },
      metadata: {
        commandId,
        now: this.mediations.clock.now().toISOString(),
        // The opening is the committee's act, taken on the desk's routing.
        actor: { userId: `system:${this.name}`, orgId: committee.orgId, roles: [] },
        correlationId: event.metadata.correlationId,
        causationId: event.eventId,
        caseCode: registration.caseCode,
        regionCode: committee.regionCode,
      },
    };
    try {
      await this.mediations.send(caseId, command);
    } catch (error) {
      if (error instanceof DomainRuleViolation || error instanceof NotFound || error instanceof InvalidInput) return log(error.code, error.message);
      throw error;
    }
  }
}
