import { eventIdFor, type Actor, type RecordedEvent } from '@pls/event-sourcing';
import {
  formatCaseCode,
  matterStreamId,
  type FeedbackDelivered,
  type MatterAcceptedByBackOffice,
  type MatterEvent,
  type MatterRegistered,
  type MatterRouted,
  type RatingLevel,
  type ResultReceived,
  type ServiceRated,
} from '@pls/intake-domain';
import { prng } from './bench-support';

/**
 * A province's front-desk history, matter by matter, as the intake context records it: typed
 * `MatterEvent`s (the compiler checks them against the domain's own event types) wrapped in the
 * envelope the store would give them. Sichuan-shaped: 10 cities × 10 counties × 10 township sites,
 * each county with its legal aid agency; registrations spread over 2025-01-01 … 2026-10-31.
 *
 * Where matters stand (deterministic for a seed): 10 % still at the desk, 2 % routed and awaiting
 * the agency's acceptance, 15 % accepted and in the back office, 3 % with the result back and
 * feedback due at the desk, 25 % fed back, 45 % rated. The desk's work queue is the 3 %, the
 * agency's the 2 %: queues stay short however long the history, as in an office.
 */
export const CITIES = 10;
export const COUNTIES_PER_CITY = 10;
export const SITES_PER_COUNTY = 10;
export const QUERY_NOW = '2026-11-02T02:00:00.000Z';

const START = Date.UTC(2025, 0, 1);
const SPAN = Date.UTC(2026, 9, 31) - START;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MATTER_TYPE = { code: 'legal-aid.wage-arrears', name: '农民工讨薪法律援助', line: 'legal-aid' as const };
const CHANNELS = ['walk-in', 'hotline', 'online', 'kiosk'] as const;
const LEVELS: readonly RatingLevel[] = ['very-satisfied', 'satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'];

export const cityCode = (city: number) => `51${String(city + 1).padStart(2, '0')}`;
export const countyCode = (city: number, county: number) => `${cityCode(city)}${String(county + 1).padStart(2, '0')}`;
export const siteRegion = (city: number, county: number, site: number) => `${countyCode(city, county)}${String(site + 1).padStart(3, '0')}000`;
export const siteOrgId = (city: number, county: number, site: number) => `org-site-${countyCode(city, county)}-${site + 1}`;
export const agencyOrgId = (city: number, county: number) => `org-legal-aid-${countyCode(city, county)}`;

export interface GeneratedMatter {
  readonly matterId: string;
  readonly caseCode: string;
  readonly siteOrgId: string;
  readonly events: readonly RecordedEvent[];
}

/** Matter `n` of a history of `total`: same matter, same events, whatever the run. */
export function generateMatter(n: number, total: number, seed = 20260101): GeneratedMatter {
  const random = prng(seed ^ Math.imul(n + 1, 0x9e3779b1));
  const sites = CITIES * COUNTIES_PER_CITY * SITES_PER_COUNTY;
  // A stride coprime with the number of sites: consecutive matters (close in time) land far apart, so
  // even a history smaller than the number of sites gives every city matters in every period.
  const siteIndex = (n * 7919) % sites;
  const city = Math.floor(siteIndex / (COUNTIES_PER_CITY * SITES_PER_COUNTY));
  const county = Math.floor(siteIndex / SITES_PER_COUNTY) % COUNTIES_PER_CITY;
  const site = siteIndex % SITES_PER_COUNTY;
  const matterId = `m-${String(n).padStart(8, '0')}`;
  const caseCode = formatCaseCode('SC', n * 7919 + 13);
  const receivingOrg = { orgId: siteOrgId(city, county, site), regionCode: siteRegion(city, county, site) };
  const agency = { orgId: agencyOrgId(city, county), regionCode: `${countyCode(city, county)}000000`, level: 'county' as const };
  const clerk = { userId: `clerk-${receivingOrg.orgId}`, orgId: receivingOrg.orgId };
  // Spread in time by position so a period filter cuts the history evenly.
  const registered = START + Math.floor((n / Math.max(1, total)) * SPAN) + Math.floor(random() * HOUR);
  const at = (offset: number) => new Date(registered + offset).toISOString();
  const roll = random();
  const steps = roll < 0.1 ? 1 : roll < 0.12 ? 2 : roll < 0.27 ? 3 : roll < 0.3 ? 4 : roll < 0.55 ? 5 : 6;
  const phone = `139${String(n % 100_000_000).padStart(8, '0')}`;

  const body: MatterEvent[] = [];
  const registeredEvent: MatterRegistered = {
    type: 'MatterRegistered',
    data: {
      matterId,
      caseCode,
      channel: CHANNELS[n % CHANNELS.length],
      receivingOrg,
      firstResponsibleStaffId: clerk.userId,
      applicant: { kind: 'person', name: '罗大勇', idType: 'resident-id', idNumber: '512022198503120031', phone },
      agent: null,
      matterType: MATTER_TYPE,
      description: '在工地务工8个月，被拖欠工资42000元，请求法律援助。',
      attachments: [],
      consentToDataUse: true,
      referralSource: null,
      registeredAt: at(0),
      registeredBy: clerk,
    },
  };
  body.push(registeredEvent);
  if (steps >= 2) {
    const routed: MatterRouted = {
      type: 'MatterRouted',
      data: { line: 'legal-aid', handlingOrg: agency, defaultOrgId: agency.orgId, reason: null, routedAt: at(HOUR), routedBy: clerk, acceptanceDueAt: at(3 * DAY), deadlineWarnings: [] },
    };
    body.push(routed);
  }
  if (steps >= 3) {
    const accepted: MatterAcceptedByBackOffice = {
      type: 'MatterAcceptedByBackOffice',
      data: { line: 'legal-aid', orgId: agency.orgId, backOfficeCaseNo: `（2026）川援字第${n}号`, acceptedAt: at(DAY), onTime: true },
    };
    body.push(accepted);
  }
  if (steps >= 4) {
    const result: ResultReceived = {
      type: 'ResultReceived',
      data: { line: 'legal-aid', orgId: agency.orgId, outcome: 'completed', summary: '经仲裁调解，用人单位已支付拖欠工资42000元', at: at(20 * DAY), receivedAt: at(20 * DAY + HOUR), feedbackDueAt: at(23 * DAY), deadlineWarnings: [] },
    };
    body.push(result);
  }
  if (steps >= 5) {
    const fedBack: FeedbackDelivered = {
      type: 'FeedbackDelivered',
      data: { channel: 'sms', content: '您的法律援助事项已办结，工资已追回。', deliveredAt: at(21 * DAY), deliveredBy: clerk, onTime: random() < 0.95 },
    };
    body.push(fedBack);
  }
  if (steps >= 6) {
    const rated: ServiceRated = {
      type: 'ServiceRated',
      data: { level: LEVELS[Math.floor(random() * LEVELS.length)], comment: null, ratedAt: at(22 * DAY), ratedBy: { userId: `public:${phone}`, orgId: 'public' }, ratedOrg: { orgId: agency.orgId, regionCode: agency.regionCode } },
    };
    body.push(rated);
  }

  const streamId = matterStreamId(matterId);
  const actor: Actor = { userId: clerk.userId, orgId: clerk.orgId, roles: ['clerk'] };
  const events = body.map((event, revision): RecordedEvent => {
    const commandId = `${matterId}:${revision}`;
    return {
      eventId: eventIdFor(commandId, 0),
      type: `intake.${event.type}`,
      schemaVersion: 1,
      occurredAt: occurredAt(event),
      data: event.data,
      metadata: { commandId, correlationId: matterId, causationId: commandId, actor, regionCode: receivingOrg.regionCode, caseCode },
      streamId,
      streamRevision: revision,
      // Positions only order the history; the projection reads the stream revision.
      globalPosition: n * 8 + revision + 1,
    };
  });
  return { matterId, caseCode, siteOrgId: receivingOrg.orgId, events };
}

function occurredAt(event: MatterEvent): string {
  switch (event.type) {
    case 'MatterRegistered':
      return event.data.registeredAt;
    case 'MatterRouted':
      return event.data.routedAt;
    case 'MatterAcceptedByBackOffice':
      return event.data.acceptedAt;
    case 'ResultReceived':
      return event.data.receivedAt;
    case 'FeedbackDelivered':
      return event.data.deliveredAt;
    case 'ServiceRated':
      return event.data.ratedAt;
    default:
      throw new Error(`the generator does not produce ${event.type}`);
  }
}
