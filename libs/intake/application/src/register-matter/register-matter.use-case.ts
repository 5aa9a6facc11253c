import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventToAppend, eventIdFor, type StreamAppend, streamName } from '@pls/event-sourcing';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { CASE_CODE_CAPACITY, formatCaseCode, initialMatterState, type ApplicantInput, type AttachmentInput, type IntakeChannel, type PersonInput, type RegisterMatter as RegisterMatterCommand } from '@pls/intake-domain';
import { ConcurrencyConflict, deterministicId, DomainRuleViolation, Forbidden, NotFound, type Caller } from '@pls/shared-kernel';
import { catalogueEntry } from '../catalogue/service-catalogue';
import { INTAKE_OPTIONS, type IntakeOptions } from '../shared/intake.options';
import { MatterCommands } from '../shared/matter-commands';
import type { MatterDocument } from '../read-models/matters/matter.document';

export interface RegisterMatterInput {
  readonly channel: IntakeChannel;
  readonly matterTypeCode: string;
  readonly applicant: ApplicantInput;
  readonly agent?: PersonInput | null;
  readonly description: string;
  readonly attachments?: readonly AttachmentInput[];
  readonly consentToDataUse: boolean;
  readonly referralSourceOrgId?: string | null;
}

const EXTERNAL_ORGANS = ['court', 'procuratorate', 'police', 'prison', 'detention-centre'];

/**
 * 登记: the clerk's own site receives the matter and the clerk becomes its first-responsible
 * person (首问负责制). The case code is reserved in its own stream with "no stream" expected, so
 * two desks can never hand out the same code. Where the store can, the reservation and the matter
 * land in one commit (all or nothing); otherwise the code is reserved first, in a commit of its own.
 */
@Injectable()
export class RegisterMatter {
  constructor(
    private readonly matters: MatterCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  async execute(caller: Caller, input: RegisterMatterInput, commandId: string): Promise<MatterDocument> {
    // The matter id follows from the command id: a retried registration lands on the same stream.
    const matterId = deterministicId('intake.matter', commandId);
    if (!caller.roles.includes('clerk')) throw new Forbidden('ROLE_NOT_ALLOWED', 'only front-desk clerks register matters');
    // A retry in one commit needs no look first: the handler finds its command id on the matter's
    // stream and answers with the first result, appending no second reservation.
    const atomic = this.matters.appendsAtomicallyToStreams;
    if (!atomic && (await this.matters.streamHasEvents(matterId))) return this.matters.readAfterCatchUp(matterId);
    const site = await this.directory.organisation(caller.orgId);
    if (!site || site.closed) throw new NotFound('RECEIVING_ORGANISATION_NOT_FOUND', `your organisation ${caller.orgId} is not an open organisation in the directory`);
    const matterType = catalogueEntry(input.matterTypeCode);
    if (!matterType) throw new NotFound('MATTER_TYPE_UNKNOWN', `no service catalogue entry ${JSON.stringify(input.matterTypeCode)}; see the serviceCatalogue query`);
    if (input.referralSourceOrgId) {
      const organ = await this.directory.organisation(input.referralSourceOrgId);
      if (!organ) throw new NotFound('REFERRAL_SOURCE_NOT_FOUND', `no organisation ${input.referralSourceOrgId}`);
      if (!EXTERNAL_ORGANS.includes(organ.kind)) throw new DomainRuleViolation('REFERRAL_SOURCE_NOT_AN_ORGAN', `${organ.name} is not a court, procuratorate, police, prison or detention centre`);
    }
    const register = (caseCode: string): RegisterMatterCommand => ({
      type: 'RegisterMatter',
      data: {
        matterId,
        caseCode,
        channel: input.channel,
        receivingOrg: { orgId: site.orgId, regionCode: site.regionCode },
        firstResponsibleStaffId: caller.userId,
        applicant: input.applicant,
        agent: input.agent ?? null,
        matterType,
        description: input.description,
        attachments: input.attachments ?? [],
        consentToDataUse: input.consentToDataUse,
        referralSource: input.referralSourceOrgId ? { organId: input.referralSourceOrgId } : null,
      },
      metadata: this.matters.metadata(caller, commandId),
    });
    if (atomic) return this.registerWithReservation(matterId, caller, commandId, register);
    // Decide once before reserving a case code (the decider is pure): a registration the domain
    // refuses must not leave a reserved code behind — a refused command records nothing.
    this.matters.decider.decide(register(this.newCaseCode()), initialMatterState);
    const caseCode = await this.reserveCaseCode(matterId, caller, commandId);
    return this.matters.sendAndRead(matterId, register(caseCode));
  }

  /** A refusal by the domain appends nothing, reservation included; a code taken meanwhile is redrawn. */
  private registerWithReservation(matterId: string, caller: Caller, commandId: string, register: (caseCode: string) => RegisterMatterCommand): Promise<MatterDocument> {
    return this.withFreeCaseCode(matterId, caller, commandId, (reservation, code) => this.matters.sendAndRead(matterId, register(code), { alongside: [reservation], expectNewStream: true }));
  }

  private newCaseCode(): string {
    // Random, not sequential: a case code opens a public page, so it must not be guessable.
    return formatCaseCode(this.options.caseCodePrefix ?? 'SC', randomInt(0, Math.min(CASE_CODE_CAPACITY, 2 ** 47)));
  }

  private reserveCaseCode(matterId: string, caller: Caller, commandId: string): Promise<string> {
    return this.withFreeCaseCode(matterId, caller, commandId, async ({ streamId, events, expectedRevision }, code) => {
      await this.store.appendToStream(streamId, events, { expectedRevision });
      return code;
    });
  }

  /**
   * Draws random case codes and hands each one's reservation to `use`: a code another matter already
   * holds (a conflict on its reservation stream) is redrawn, at most CASE_CODE_DRAWS times.
   */
  private async withFreeCaseCode<T>(matterId: string, caller: Caller, commandId: string, use: (reservation: StreamAppend, code: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < CASE_CODE_DRAWS; attempt++) {
      const code = this.newCaseCode();
      const reservation: StreamAppend = { streamId: caseCodeStream(code), events: [this.reservation(code, matterId, caller, commandId, attempt)], expectedRevision: 'no_stream' };
      try {
        return await use(reservation, code);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || error.details?.['streamId'] !== reservation.streamId) throw error;
      }
    }
    throw new ConcurrencyConflict('CASE_CODE_EXHAUSTED', 'could not reserve a free case code; try again');
  }

  private reservation(code: string, matterId: string, caller: Caller, commandId: string, attempt: number): EventToAppend {
    return {
      eventId: eventIdFor(`${commandId}:case-code:${attempt}`, 0),
      type: 'intake.CaseCodeReserved',
      schemaVersion: 1,
      occurredAt: this.matters.clock.now().toISOString(),
      data: { caseCode: code, matterId },
      metadata: { commandId: `${commandId}:case-code:${attempt}`, correlationId: commandId, causationId: commandId, actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] } },
    };
  }
}

/** Random draws before a registration gives up: in a space this large, five taken codes in a row mean something is wrong. */
const CASE_CODE_DRAWS = 5;

function caseCodeStream(code: string): string {
  return streamName('intake', 'casecode', code);
}
