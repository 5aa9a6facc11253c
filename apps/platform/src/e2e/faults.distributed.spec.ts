import * as path from 'node:path';
import { DEAD_LETTER_HEADERS, type Consumer, type DeliveredMessage, type RecordedEvent } from '@pls/event-sourcing';
import { residentIdCheckCharacter } from '@pls/shared-kernel';
import { GraphQLSession } from '../testing/graphql-session';
import { DistributedTestPlatform } from '../testing/distributed-test-platform';
import type { TestPlatform } from '../testing/test-platform';

const root = path.resolve(__dirname, '../../../..');
const { startKafka, stopKafka } = require(path.join(root, 'tools/servers/kafka.cjs')) as typeof import('../../../../tools/servers/kafka.cjs');

/**
 * Faults on the real servers (issue: distributed mode): the broker stopped mid-flow, a service
 * killed with SIGKILL mid-flow, a message delivered twice, a poison message. After each, no
 * acknowledged event is lost, no effect is applied twice, the read models converge, and the poison
 * message is parked while its partition keeps flowing. The topology runs on a broker of its own so
 * stopping it disturbs no other test.
 */
const KAFKA_INSTANCE = { instance: 'faults', port: 19292 };
// Six processes start and a broker restarts: minutes on two busy cores, waited on checkpoints, not timed.
jest.setTimeout(300_000);

describe('the distributed topology under faults (real Kafka, FerretDB, one process per service)', () => {
  let platform: DistributedTestPlatform;
  const session = new GraphQLSession(() => platform as unknown as TestPlatform, { ttlSeconds: 30 * 24 * 3600 });
  const { ok } = session;
  let serial = 0;

  const REGISTER = `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode } }`;
  const ROUTE = `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { stage } }`;
  const CASE_FILE = `query($code: String!) { caseFile(code: $code) { stage backOfficeCaseNo timeline { kind } } }`;
  const APPLICATIONS = `query { legalAidApplications(first: 100) { totalCount edges { node { id applicationNo source { caseCode } history { kind } } } } }`;

  const registerWageClaim = async (): Promise<string> => {
    serial += 1;
    const first17 = `512022198503${String(10 + serial).padStart(2, '0')}003`;
    const registered = await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, {
      input: {
        channel: 'WALK_IN',
        matterTypeCode: 'legal-aid.wage-arrears',
        applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: first17 + residentIdCheckCharacter(first17), phone: '13990081234' },
        description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
        consentToDataUse: true,
      },
    });
    return registered.registerMatter.caseCode;
  };

  /** The desk's view and the agency's applications for one matter, once everything has settled. */
  const settledOutcome = async (caseCode: string) => {
    await platform.whenCaughtUp();
    const matter = (await ok<{ caseFile: { stage: string; backOfficeCaseNo: string | null; timeline: { kind: string }[] } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).caseFile;
    const applications = (await ok<{ legalAidApplications: { edges: { node: { applicationNo: string; source: { caseCode: string | null }; history: { kind: string }[] } }[] } }>('lz.legal-aid.chen', APPLICATIONS)).legalAidApplications.edges
      .map((edge) => edge.node)
      .filter((application) => application.source.caseCode === caseCode);
    return { matter, applications };
  };

  const expectOneAcceptedApplication = async (caseCode: string) => {
    const { matter, applications } = await settledOutcome(caseCode);
    expect(applications).toHaveLength(1);
    expect(matter.stage).toBe('accepted');
    expect(matter.backOfficeCaseNo).toBe(applications[0]!.applicationNo);
    expect(matter.timeline.map((entry) => entry.kind)).toEqual(['MatterRegistered', 'MatterRouted', 'MatterAcceptedByBackOffice']);
  };

  beforeAll(async () => {
    platform = await DistributedTestPlatform.start({ now: '2026-03-02T01:00:00.000Z', kafkaInstance: KAFKA_INSTANCE });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('given a matter routed while the broker is down, when the broker comes back, then the agency opens one application and the desk shows it accepted', async () => {
    const caseCode = await registerWageClaim();
    await platform.whenCaughtUp();
    const before = await platform.eventCount();
    await stopKafka(KAFKA_INSTANCE);
    // The desk's append is acknowledged by the intake service's store; its read-your-write waits for
    // the bus, so the answer comes only after the broker is back.
    const routing = platform.graphql(ROUTE, { input: { caseCode, line: 'LEGAL_AID' } }, await session.token('lz.clerk.room'));
    while ((await platform.eventCount()) === before) await new Promise((resolve) => setImmediate(resolve));
    await startKafka(KAFKA_INSTANCE);
    const answered = await routing;
    // Either the routed matter, or a timeout telling the clerk to retry — never a lost routing.
    if (answered.errors) expect(answered.errors[0]?.extensions?.reason).toBe('SERVICE_TIMEOUT');
    await expectOneAcceptedApplication(caseCode);
  });

  it('given a flow in progress, when the legal-aid service is killed with SIGKILL and restarted, then nothing acknowledged is lost and nothing is applied twice', async () => {
    const caseCode = await registerWageClaim();
    await ok('lz.clerk.room', ROUTE, { input: { caseCode, line: 'LEGAL_AID' } });
    await platform.kill('legal-aid-service', 'SIGKILL');
    await platform.restart('legal-aid-service');
    await expectOneAcceptedApplication(caseCode);
    // And the restarted service goes on handling the case.
    const { applications } = await settledOutcome(caseCode);
    const application = (await ok<{ legalAidApplication: { id: string } }>('lz.legal-aid.chen', `query($no: String!) { legalAidApplication(applicationNo: $no) { id } }`, { no: applications[0]!.applicationNo })).legalAidApplication;
    const granted = await ok<{ grantAid: { stage: string } }>('lz.legal-aid.chen', `mutation($input: ApplicationRefInput!) { grantAid(input: $input) { stage } }`, { input: { applicationId: application.id } });
    expect(granted.grantAid.stage).toBe('granted');
  });

  it('given the desk\'s routing delivered twice, when the duplicate arrives, then the agency does not open a second application and no event is appended', async () => {
    const caseCode = await registerWageClaim();
    const matterStream = (await captureFirst('pls.intake', (event) => event.type === 'intake.MatterRegistered' && JSON.stringify(event.data).includes(caseCode))).streamId;
    const routed = capture('pls.intake', (event) => event.type === 'intake.MatterRouted' && event.streamId === matterStream);
    await ok('lz.clerk.room', ROUTE, { input: { caseCode, line: 'LEGAL_AID' } });
    await expectOneAcceptedApplication(caseCode);
    const event = await routed.event;
    await routed.consumer.stop();
    const before = await platform.eventCount();
    await platform.bus.publish('pls.intake', [{ key: event.streamId, value: event, headers: { 'x-event-id': event.eventId, 'x-event-type': event.type } }]);
    await platform.whenCaughtUp();
    expect(await platform.eventCount()).toBe(before);
    await expectOneAcceptedApplication(caseCode);
  });

  it('given a poison message on the desk\'s topic, when it keeps failing, then it is parked in the dead-letter topic and the same partition keeps flowing', async () => {
    const caseCode = await registerWageClaim();
    const matterStream = (await captureFirst('pls.intake', (event) => event.type === 'intake.MatterRegistered' && JSON.stringify(event.data).includes(caseCode))).streamId;
    const parked = deadLetters('pls.intake.dlq');
    // A well-formed envelope whose data no handler can read: every projection and reactor of the topic throws.
    const poison = { eventId: '00000000-0000-4000-8000-000000000001', type: 'intake.MatterRegistered', schemaVersion: 1, streamId: matterStream, streamRevision: 999, globalPosition: 999_999, occurredAt: '2026-03-02T01:00:00.000Z', data: null, metadata: { commandId: 'poison', correlationId: 'poison', causationId: 'poison', actor: { userId: 'x', orgId: 'x', roles: [] } } };
    await platform.bus.publish('pls.intake', [{ key: matterStream, value: poison }]);
    const message = await parked.message;
    expect(message.headers[DEAD_LETTER_HEADERS.originalTopic]).toBe('pls.intake');
    expect((message.value as { eventId: string }).eventId).toBe(poison.eventId);
    await parked.consumer.stop();
    // The same stream id, so the same partition: the matter's routing still flows past the parked message.
    await ok('lz.clerk.room', ROUTE, { input: { caseCode, line: 'LEGAL_AID' } });
    await expectOneAcceptedApplication(caseCode);
  });

  function capture(topic: string, wanted: (event: RecordedEvent) => boolean): { event: Promise<RecordedEvent>; consumer: Consumer } {
    let resolve!: (event: RecordedEvent) => void;
    const event = new Promise<RecordedEvent>((done) => (resolve = done));
    const consumer = { stop: async () => undefined } as unknown as Consumer;
    const holder = { event, consumer };
    void platform.bus
      .subscribe({ groupId: `test-capture-${Date.now()}-${Math.random()}`, topics: [topic], fromBeginning: true, handler: async (message: DeliveredMessage) => { if (wanted(message.value as RecordedEvent)) resolve(message.value as RecordedEvent); } })
      .then((subscribed) => (holder.consumer = subscribed));
    return holder;
  }

  async function captureFirst(topic: string, wanted: (event: RecordedEvent) => boolean): Promise<RecordedEvent> {
    const captured = capture(topic, wanted);
    const event = await captured.event;
    await captured.consumer.stop();
    return event;
  }

  function deadLetters(topic: string): { message: Promise<DeliveredMessage>; consumer: Consumer } {
    let resolve!: (message: DeliveredMessage) => void;
    const message = new Promise<DeliveredMessage>((done) => (resolve = done));
    const holder = { message, consumer: { stop: async () => undefined } as unknown as Consumer };
    void platform.bus
      .subscribe({ groupId: `test-dlq-${Date.now()}`, topics: [topic], fromBeginning: true, handler: async (delivered) => resolve(delivered) })
      .then((subscribed) => (holder.consumer = subscribed));
    return holder;
  }
});
