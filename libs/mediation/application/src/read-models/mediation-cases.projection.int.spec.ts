import { ProjectionRunner, RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryReadStore } from '@pls/infrastructure';
import { residentIdCheckCharacter } from '@pls/shared-kernel';
import type { MediationCaseDocument } from './mediation-case.document';
import { mediationCasesProjection } from './mediation-cases.projection';

const committee = { orgId: 'org-lz-mediation-shifo', regionCode: '512022101000' };
const staff = { userId: 'mediator-deng', orgId: committee.orgId };
const victimId = '51202219900716002' + residentIdCheckCharacter('51202219900716002');
const driverId = '51202219800203123' + residentIdCheckCharacter('51202219800203123');

/** A screened traffic dispute mediated to an effective written agreement, as its stream records it. */
function history(): RecordedEvent[] {
  const events: { type: string; data: unknown; at: string }[] = [
    {
      type: 'MediationOpened',
      at: '2026-09-01T02:00:00.000Z',
      data: {
        caseId: 'c1', caseNo: '（2026）川乐调字第0001号', committeeOrgId: committee.orgId, committeeRegionCode: committee.regionCode,
        source: { kind: 'screening', screening: { recordNo: '石佛排查〔2026〕9号', screenedAt: '2026-08-31T02:00:00.000Z', note: '村道交通事故赔偿争执' } },
        category: 'traffic',
        parties: [
          { partyId: 'P1', kind: 'person', name: '刘芳', idNumber: victimId, phone: '13890001111' },
          { partyId: 'P2', kind: 'person', name: '周强', idNumber: driverId, phone: null },
        ],
        claim: '赔偿医疗费、误工费等共计 86,000 元', amountYuan: 86000, openedAt: '2026-09-01T02:00:00.000Z', openedBy: staff, dueAt: '2026-10-08T16:00:00.000Z', deadlineWarnings: [],
      },
    },
    { type: 'ConsentGiven', at: '2026-09-02T02:00:00.000Z', data: { partyId: 'P1', at: '2026-09-02T02:00:00.000Z', allConsented: false } },
    { type: 'ConsentGiven', at: '2026-09-02T03:00:00.000Z', data: { partyId: 'P2', at: '2026-09-02T03:00:00.000Z', allConsented: true } },
    { type: 'MediatorAssigned', at: '2026-09-02T04:00:00.000Z', data: { mediator: { ...staff, name: '邓国强' }, chosenBy: 'committee', at: '2026-09-02T04:00:00.000Z', by: staff } },
    { type: 'WrittenAgreementDrafted', at: '2026-09-10T02:00:00.000Z', data: { terms: '周强赔偿刘芳 62,000 元', amountYuan: 62000, performanceDueOn: '2026-10-15', signatories: ['P1', 'P2', 'mediator'], draftedAt: '2026-09-10T02:00:00.000Z' } },
    { type: 'AgreementSigned', at: '2026-09-10T03:00:00.000Z', data: { signatory: 'P1', signedAt: '2026-09-10T03:00:00.000Z' } },
    { type: 'AgreementSigned', at: '2026-09-10T03:00:00.000Z', data: { signatory: 'P2', signedAt: '2026-09-10T03:00:00.000Z' } },
    { type: 'AgreementSigned', at: '2026-09-10T03:00:00.000Z', data: { signatory: 'mediator', signedAt: '2026-09-10T03:00:00.000Z' } },
    { type: 'AgreementTookEffect', at: '2026-09-10T03:00:00.000Z', data: { effectiveAt: '2026-09-10T03:00:00.000Z', confirmationWindowEndsAt: '2026-10-10T16:00:00.000Z', onTime: true, deadlineWarnings: [] } },
  ];
  return events.map((event, index) => ({
    eventId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    type: `mediation.${event.type}`,
    schemaVersion: 1,
    occurredAt: event.at,
    data: event.data,
    metadata: { commandId: `c${index}`, correlationId: `c${index}`, causationId: `c${index}`, actor: { userId: staff.userId, orgId: staff.orgId, roles: ['handler'] } },
    streamId: 'mediation.case-c1',
    streamRevision: index,
    globalPosition: index + 1,
  }));
}

async function project(events: readonly RecordedEvent[], rounds: number) {
  const runner = new ProjectionRunner({ readStore: new MemoryReadStore(), projections: [mediationCasesProjection], logger: new RecordingLogger() });
  await runner.open();
  for (let round = 0; round < rounds; round++) for (const event of events) await runner.apply(event);
  return { document: await runner.collection<MediationCaseDocument>(mediationCasesProjection.name).get('c1'), stats: runner.stats };
}

describe('the mediation cases projection', () => {
  it('given a mediation\'s history, when it is replayed twice, then the document is identical and the replay is skipped', async () => {
    const events = history();
    const once = await project(events, 1);
    const twice = await project(events, 2);
    expect(once.document).not.toBeNull();
    expect(twice.document).toEqual(once.document);
    expect(twice.stats).toMatchObject({ applied: events.length, skipped: events.length, gaps: 0 });
  });

  it('keeps the parties\' ID numbers out of the view', async () => {
    const { document } = await project(history(), 1);
    const text = JSON.stringify(document);
    expect(text).not.toContain(victimId);
    expect(text).not.toContain(driverId);
    expect(text).not.toContain('13890001111');
  });
});
