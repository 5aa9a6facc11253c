import { residentIdCheckCharacter } from '@pls/shared-kernel';
import { HttpConnection } from './http-load';

/**
 * DOMAIN.md §6 flow 1 as GraphQL clients send it, with the documents of
 * apps/platform/src/e2e/legal-aid.e2e.spec.ts: a village room registers a migrant worker's wage
 * claim and routes it to legal aid, the county agency finds it in its queue, grants (Art. 42: no
 * means check), assigns a lawyer, signs, ends and closes the matter, the desk gets the result back,
 * feeds it back by SMS and the applicant rates it.
 */
const APPLICATION_FIELDS = `id applicationNo stage agencyOrgId source { kind caseCode notifyingOrgId } applicant { name idNumberMasked phoneMasked minor }
  category { kind subCategory lifeOrDeathPossible } means { declaredHardship exemptionArticle exemptionGrounds checkResult } minorsCase priority
  decision { outcome onTime reasons } lawyer { lawyerId firmOrgId onTime entrustmentSignedAt } objection { status against }
  resultSummary closure { quality subsidyYuan } deadlines { kind dueAt metAt onTime paused } nextDueAt deadlineStatus history { kind text }`;
const step = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${APPLICATION_FIELDS} } }`;

export const FLOW_DOCUMENTS = {
  registerMatter: `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode } }`,
  routeMatter: `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { stage } }`,
  grantAid: step('grantAid', 'ApplicationRefInput'),
  assignLawyer: step('assignLawyer', 'AssignLawyerInput'),
  signEntrustment: step('signEntrustment', 'ApplicationRefInput'),
  endLegalAidMatter: step('endLegalAidMatter', 'EndLegalAidMatterInput'),
  submitClosureMaterials: step('submitClosureMaterials', 'ApplicationRefInput'),
  reviewClosure: step('reviewClosure', 'ReviewClosureInput'),
  deliverFeedback: `mutation($input: DeliverFeedbackInput!) { deliverFeedback(input: $input) { stage feedback { onTime } } }`,
  rateMyMatter: `mutation($input: RateMyMatterInput!) { rateMyMatter(input: $input) }`,
  queue: `query($queue: LegalAidQueue) { legalAidWorkQueue(queue: $queue, first: 100) { edges { node { id stage source { caseCode } } } } }`,
  caseFile: `query($code: String!) { caseFile(code: $code) { stage } }`,
  demoSignIn: `mutation($username: String!) { demoSignIn(username: $username) { token } }`,
  lawyerWorkload: `query { lawyerWorkload { lawyerId openCases maxConcurrentCases } }`,
} as const;

export const FLOW_MUTATIONS = ['registerMatter', 'routeMatter', 'grantAid', 'assignLawyer', 'signEntrustment', 'endLegalAidMatter', 'submitClosureMaterials', 'reviewClosure', 'deliverFeedback', 'rateMyMatter'] as const;
export type FlowMutation = (typeof FLOW_MUTATIONS)[number];

/** The three waits of the flow, each from a mutation's response to the first query answer that shows its effect. */
export const FLOW_LAGS = {
  projection: 'grantAid → application in the agency\'s TO_ASSIGN work queue (projector only)',
  crossLine: 'routeMatter → application in the agency\'s TO_REVIEW work queue (relay, legal-aid reactor, append, projector)',
  resultBack: 'reviewClosure → front desk case file at result-received (relay, intake reactor, append, projector)',
} as const;
export type FlowLag = keyof typeof FLOW_LAGS;

export const CLERK = 'lz.clerk.room';
export const HANDLER = 'lz.legal-aid.chen';

export class GraphQLRefusal extends Error {
  constructor(
    readonly operation: string,
    readonly code: string | undefined,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(`${operation}: ${code ?? 'no code'}/${reason ?? '-'} ${message}`);
  }
}

export interface FlowRecorder {
  latency(operation: FlowMutation | 'queuePoll' | 'caseFilePoll', ms: number): void;
  /**
   * `answerMs`: from the mutation's response to the answer that showed the effect (one query round
   * trip included); `requestMs`: to the moment the query that saw it was sent — an upper bound of the
   * lag itself, without the round trip of the query that reports it.
   */
  lag(kind: FlowLag, answerMs: number, requestMs: number, polls: number): void;
  refusal(reason: string): void;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

/** One GraphQL client on its own keep-alive connection. */
export class GraphQLClient {
  constructor(
    private readonly connection: HttpConnection,
    private readonly path: string,
  ) {}

  static async open(host: string, port: number, path = '/graphql'): Promise<GraphQLClient> {
    return new GraphQLClient(await HttpConnection.open(host, port), path);
  }

  async call<T>(operation: string, query: string, variables: Record<string, unknown>, token: string | null): Promise<{ data: T; ms: number }> {
    const started = performance.now();
    const response = await this.connection.post(this.path, JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
    const ms = performance.now() - started;
    const body = JSON.parse(response.body) as GraphQLBody<T>;
    const error = body.errors?.[0];
    if (error || response.status !== 200 || !body.data) throw new GraphQLRefusal(operation, error?.extensions?.code, error?.extensions?.reason, error?.message ?? `HTTP ${response.status}`);
    return { data: body.data, ms };
  }

  close(): void {
    this.connection.close();
  }
}

/** A lawyer's free places, handed out in turn so that no lawyer is asked for more than their limit. */
export class LawyerPool {
  private readonly free: string[] = [];
  private readonly waiting: ((lawyerId: string) => void)[] = [];

  constructor(lawyers: readonly { lawyerId: string; openCases: number; maxConcurrentCases: number }[]) {
    const places = lawyers.flatMap((lawyer) => Array.from({ length: Math.max(0, lawyer.maxConcurrentCases - lawyer.openCases) }, () => lawyer.lawyerId));
    // Interleave so that consecutive flows go to different lawyers.
    for (let round = 0; places.length > 0; round++) {
      for (const lawyer of lawyers) {
        const at = places.indexOf(lawyer.lawyerId);
        if (at >= 0) this.free.push(...places.splice(at, 1));
      }
    }
  }

  get size(): number {
    return this.free.length;
  }

  take(): Promise<string> {
    const next = this.free.shift();
    if (next !== undefined) return Promise.resolve(next);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(lawyerId: string): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(lawyerId);
    else this.free.push(lawyerId);
  }
}

/** A valid, distinct 18-digit resident ID of Lezhi county (512022) for flow number `n`. */
export function applicantIdentity(n: number): { idNumber: string; phone: string } {
  const born = new Date(Date.UTC(1960, 0, 1) + (n % 14_000) * 86_400_000);
  const date = `${born.getUTCFullYear()}${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(born.getUTCDate()).padStart(2, '0')}`;
  const sequence = String(Math.floor(n / 14_000) % 1000).padStart(3, '0');
  const first17 = `512022${date}${sequence}`;
  return { idNumber: first17 + residentIdCheckCharacter(first17), phone: `139${String(n % 100_000_000).padStart(8, '0')}` };
}

interface ApplicationRow {
  id: string;
  source: { caseCode: string | null };
}

type QueueAnswer = { legalAidWorkQueue: { edges: { node: ApplicationRow }[] } };

const MAX_POLLS = 20_000;

/**
 * Polls until `found` returns a value: every answer is a real query through the gateway, so the
 * lag includes one query round trip — the resolution of the measure.
 */
async function pollUntil<T, R>(fetch: () => Promise<{ data: T; ms: number }>, found: (data: T) => R | undefined, onPoll: (ms: number) => void): Promise<{ value: R; polls: number; sentAt: number }> {
  for (let polls = 1; polls <= MAX_POLLS; polls++) {
    const sentAt = performance.now();
    const { data, ms } = await fetch();
    onPoll(ms);
    const value = found(data);
    if (value !== undefined) return { value, polls, sentAt };
  }
  throw new Error(`not visible after ${MAX_POLLS} polls`);
}

export async function runFlow1(client: GraphQLClient, tokens: { clerk: string; handler: string }, lawyers: LawyerPool, n: number, record: FlowRecorder): Promise<void> {
  const applicant = applicantIdentity(n);
  const mutate = async <T>(operation: FlowMutation, variables: Record<string, unknown>, token: string | null): Promise<T> => {
    const { data, ms } = await client.call<T>(operation, FLOW_DOCUMENTS[operation], variables, token);
    record.latency(operation, ms);
    return data;
  };
  const queue = (kind: 'TO_REVIEW' | 'TO_ASSIGN') => client.call<QueueAnswer>('legalAidWorkQueue', FLOW_DOCUMENTS.queue, { queue: kind }, tokens.handler);

  const registered = await mutate<{ registerMatter: { caseCode: string } }>('registerMatter', {
    input: {
      channel: 'WALK_IN',
      matterTypeCode: 'legal-aid.wage-arrears',
      applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: applicant.idNumber, phone: applicant.phone },
      description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
      consentToDataUse: true,
    },
  }, tokens.clerk);
  const caseCode = registered.registerMatter.caseCode;
  await mutate('routeMatter', { input: { caseCode, line: 'LEGAL_AID' } }, tokens.clerk);
  const routedAt = performance.now();
  const received = await pollUntil(() => queue('TO_REVIEW'), (data) => data.legalAidWorkQueue.edges.find((edge) => edge.node.source.caseCode === caseCode)?.node.id, (ms) => record.latency('queuePoll', ms));
  record.lag('crossLine', performance.now() - routedAt, received.sentAt - routedAt, received.polls);
  const applicationId = received.value;

  await mutate('grantAid', { input: { applicationId } }, tokens.handler);
  const grantedAt = performance.now();
  const toAssign = await pollUntil(() => queue('TO_ASSIGN'), (data) => (data.legalAidWorkQueue.edges.some((edge) => edge.node.id === applicationId) ? true : undefined), (ms) => record.latency('queuePoll', ms));
  record.lag('projection', performance.now() - grantedAt, toAssign.sentAt - grantedAt, toAssign.polls);

  let lawyerId = await lawyers.take();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await mutate('assignLawyer', { input: { applicationId, lawyerUserId: lawyerId } }, tokens.handler);
        break;
      } catch (error) {
        // The load check reads the lawyer-workload view, which may not yet show a case another
        // client closed a moment ago: the handler picks the next lawyer, as a person would.
        if (!(error instanceof GraphQLRefusal) || error.reason !== 'LAWYER_AT_CAPACITY' || attempt >= 50) throw error;
        record.refusal(error.reason);
        const next = await lawyers.take();
        lawyers.give(lawyerId);
        lawyerId = next;
      }
    }
    await mutate('signEntrustment', { input: { applicationId } }, tokens.handler);
    await mutate('endLegalAidMatter', { input: { applicationId, resultSummary: '经仲裁调解，用人单位已支付拖欠工资42000元' } }, tokens.handler);
    await mutate('submitClosureMaterials', { input: { applicationId } }, tokens.handler);
    await mutate('reviewClosure', { input: { applicationId, quality: 'GOOD', subsidyYuan: 1500 } }, tokens.handler);
  } finally {
    lawyers.give(lawyerId);
  }
  const closedAt = performance.now();
  const back = await pollUntil(
    () => client.call<{ caseFile: { stage: string } }>('caseFile', FLOW_DOCUMENTS.caseFile, { code: caseCode }, tokens.clerk),
    (data) => (data.caseFile.stage === 'result-received' ? true : undefined),
    (ms) => record.latency('caseFilePoll', ms),
  );
  record.lag('resultBack', performance.now() - closedAt, back.sentAt - closedAt, back.polls);

  await mutate('deliverFeedback', { input: { caseCode, channel: 'SMS', content: '您的欠薪法律援助已办结，工资已追回。' } }, tokens.clerk);
  await mutate('rateMyMatter', { input: { caseCode, phoneLast4: applicant.phone.slice(-4), level: 'VERY_SATISFIED', comment: '援助律师很负责' } }, null);
}
