import { categoryPrefix, parseStreamName, shortType, type Projection, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';
import { APPLICATION_CONTEXT, DUTY_LAWYER_CATEGORY, DUTY_LAWYER_EVENT_TYPES, type DutyLawyerEvent } from '@pls/legal-aid-domain';
import { maskResidentId } from '@pls/shared-kernel';

export interface DutyShiftView {
  readonly dutyId: string;
  readonly agencyOrgId: string;
  readonly stationOrgId: string;
  readonly stationKind: string;
  readonly stationRegionCode: string;
  readonly days: readonly string[];
  readonly scheduledAt: string;
}

export interface DutyConsultationView {
  readonly consultationId: string;
  readonly dutyId: string;
  readonly stationOrgId: string;
  readonly stationRegionCode: string;
  readonly day: string;
  readonly at: string;
  readonly personName: string;
  readonly personIdNumberMasked: string | null;
  readonly matter: string;
  readonly advice: string;
  readonly referredApplicationId: string | null;
}

export interface PleaWitnessingView {
  readonly witnessingId: string;
  readonly dutyId: string;
  readonly stationOrgId: string;
  readonly stationRegionCode: string;
  readonly caseRef: string;
  readonly defendantName: string;
  readonly defendantIdNumberMasked: string;
  readonly witnessedOn: string;
  readonly recordedAt: string;
}

/** One duty lawyer's record (值班记录): shifts, consultations, witnessings; ID numbers masked. */
export interface DutyLawyerDocument extends ReadDocument {
  readonly _id: string;
  readonly lawyerId: string;
  readonly firmOrgId: string;
  readonly agencyOrgIds: readonly string[];
  readonly stationRegionCodes: readonly string[];
  /** `<stationOrgId>|<day>` for every duty day: the roster of a station and day is one indexed look-up. */
  readonly dutyDays: readonly string[];
  readonly shifts: readonly DutyShiftView[];
  readonly consultations: readonly DutyConsultationView[];
  readonly witnessings: readonly PleaWitnessingView[];
}

const PREFIX = categoryPrefix(APPLICATION_CONTEXT, DUTY_LAWYER_CATEGORY);
const KNOWN = new Set<string>(DUTY_LAWYER_EVENT_TYPES);
const union = (values: readonly string[], value: string): string[] => (values.includes(value) ? [...values] : [...values, value]);

export const dutyLawyersProjection: Projection<DutyLawyerDocument> = {
  name: 'legal-aid.duty-lawyers',
  version: 1,
  indexes: [{ fields: { dutyDays: 1 } }, { fields: { agencyOrgIds: 1 } }, { fields: { stationRegionCodes: 1 } }],
  canHandle: (event) => event.streamId.startsWith(PREFIX),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve: (document, recorded) => evolveDutyLawyerDocument(document, recorded),
};

export function evolveDutyLawyerDocument(document: DutyLawyerDocument | null, recorded: RecordedEvent): DutyLawyerDocument | null {
  const type = shortType(recorded.type);
  if (!KNOWN.has(type)) return document;
  const event = { type, data: recorded.data } as DutyLawyerEvent;
  if (event.type === 'DutyScheduled') {
    const { data } = event;
    const base: DutyLawyerDocument = document ?? { _id: data.lawyerId, lawyerId: data.lawyerId, firmOrgId: data.firmOrgId, agencyOrgIds: [], stationRegionCodes: [], dutyDays: [], shifts: [], consultations: [], witnessings: [] };
    return {
      ...base,
      agencyOrgIds: union(base.agencyOrgIds, data.agencyOrgId),
      stationRegionCodes: union(base.stationRegionCodes, data.station.regionCode),
      dutyDays: [...base.dutyDays, ...data.days.map((day) => `${data.station.orgId}|${day}`)],
      shifts: [
        ...base.shifts,
        { dutyId: data.dutyId, agencyOrgId: data.agencyOrgId, stationOrgId: data.station.orgId, stationKind: data.station.kind, stationRegionCode: data.station.regionCode, days: [...data.days], scheduledAt: data.scheduledAt },
      ],
    };
  }
  if (!document) return null;
  switch (event.type) {
    case 'DutyConsultationRecorded': {
      const { data } = event;
      return {
        ...document,
        consultations: [
          ...document.consultations,
          {
            consultationId: data.consultationId,
            dutyId: data.dutyId,
            stationOrgId: data.stationOrgId,
            stationRegionCode: data.stationRegionCode,
            day: data.day,
            at: data.at,
            personName: data.person.name,
            personIdNumberMasked: data.person.idNumber ? maskResidentId(data.person.idNumber) : null,
            matter: data.matter,
            advice: data.advice,
            referredApplicationId: data.referredApplicationId,
          },
        ],
      };
    }
    case 'PleaAgreementWitnessed': {
      const { data } = event;
      return {
        ...document,
        witnessings: [
          ...document.witnessings,
          {
            witnessingId: data.witnessingId,
            dutyId: data.dutyId,
            stationOrgId: data.stationOrgId,
            stationRegionCode: data.stationRegionCode,
            caseRef: data.caseRef,
            defendantName: data.defendant.name,
            defendantIdNumberMasked: maskResidentId(data.defendant.idNumber),
            witnessedOn: data.witnessedOn,
            recordedAt: data.recordedAt,
          },
        ],
      };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
