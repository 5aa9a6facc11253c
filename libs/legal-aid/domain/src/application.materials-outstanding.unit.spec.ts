import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { StatutoryCalendar } from '@pls/shared-kernel';
import type { AcceptWithMaterialsOutstanding, GrantAid, SupplyOutstandingMaterials } from './application.commands';
import { legalAidDecider } from './application.decider';
import type { AcceptedWithMaterialsOutstanding, ApplicationEvent } from './application.events';
import { AT, command, HANDLER, received } from './testing/application.fixtures';

const spec = DeciderSpecification(legalAidDecider({ calendar: new StatutoryCalendar() }));

const OUTSTANDING_DUE = '2026-09-15T16:00:00.000Z';
const accept = (data: Partial<AcceptWithMaterialsOutstanding['data']> = {}, now: string = AT.day2) =>
  command<AcceptWithMaterialsOutstanding>('AcceptWithMaterialsOutstanding', { items: [{ name: '工资欠条原件', essential: false }], dueAt: OUTSTANDING_DUE, regionAllows: true, ...data }, { now });
const supply = (now: string) => command<SupplyOutstandingMaterials>('SupplyOutstandingMaterials', { note: '已提交原件' }, { now });
const accepted: AcceptedWithMaterialsOutstanding = { type: 'AcceptedWithMaterialsOutstanding', data: { items: ['工资欠条原件'], acceptedAt: AT.day2, dueAt: OUTSTANDING_DUE } };
const meansChecked: ApplicationEvent = { type: 'MeansChecked', data: { method: 'data-sharing', result: 'meets', checkedAt: AT.day2, checkedBy: HANDLER } };

describe('AcceptWithMaterialsOutstanding (容缺受理)', () => {
  it('given an application under review in a region that allows it, when non-essential materials are left outstanding, then it is recorded without pausing the decision clock', () => {
    spec.given([received()]).when(accept()).then((events, state) => {
      expect(events).toEqual([accepted]);
      expect(state).toMatchObject({ stage: 'received', review: { decisionDueAt: AT.decisionDue, pauses: [] }, application: { outstanding: { status: 'outstanding', dueAt: OUTSTANDING_DUE } } });
    });
  });

  it('given materials outstanding, when the agency grants, then the grant goes ahead (accept now, supplement later)', () => {
    spec
      .given([received(), accepted, meansChecked])
      .when(command<GrantAid>('GrantAid', {}, { now: AT.granted }))
      .then((events) => expect(events[0].type).toBe('AidGranted'));
  });

  it('given a region that does not allow it, when materials are left outstanding, then it is refused with its code', () => {
    spec.given([received()]).when(accept({ regionAllows: false })).thenRefuses('ACCEPT_WITH_MATERIALS_OUTSTANDING_NOT_ALLOWED');
  });

  it('given an application under review, when an essential material is left outstanding, then it is refused', () => {
    spec.given([received()]).when(accept({ items: [{ name: '身份证明', essential: true }, { name: '工资欠条原件', essential: false }] })).thenRefuses('ESSENTIAL_MATERIAL_NOT_DEFERRABLE', /身份证明/);
  });

  it('given materials already outstanding, when more are left outstanding, then it is refused', () => {
    spec.given([received(), accepted]).when(accept()).thenRefuses('MATERIALS_ALREADY_OUTSTANDING');
  });

  it('given a materials notice awaited, when materials are left outstanding instead, then it is refused', () => {
    const requested: ApplicationEvent = { type: 'MaterialsRequested', data: { items: ['劳动合同'], requestedAt: AT.day2, dueAt: '2026-09-20T16:00:00.000Z' } };
    spec.given([received(), requested]).when(accept()).thenRefuses('MATERIALS_AWAITED');
  });

  it('given an application under review, when the items are malformed or the due date past, then it is refused as invalid input', () => {
    spec.given([received()]).when(accept({ items: [] })).thenRefuses('MATERIALS_ITEMS_REQUIRED');
    spec.given([received()]).when(accept({ items: [{ name: '工资欠条原件' } as never] })).thenRefuses('MATERIAL_ITEM_INVALID');
    spec.given([received()]).when(accept({ dueAt: AT.received })).thenRefuses('MATERIALS_DUE_NOT_IN_FUTURE');
  });

  it('given a granted application, when materials are left outstanding, then it is no longer under review', () => {
    const granted: ApplicationEvent = { type: 'AidGranted', data: { decidedAt: AT.granted, decidedBy: HANDLER, onTime: true, assignmentDueAt: AT.assignmentDue, deadlineWarnings: [] } };
    spec.given([received(), meansChecked, granted]).when(accept({}, AT.assigned)).thenRefuses('NOT_UNDER_REVIEW');
  });
});

describe('SupplyOutstandingMaterials', () => {
  it('given materials outstanding and aid granted since, when they arrive before their deadline, then they are recorded on time', () => {
    const granted: ApplicationEvent = { type: 'AidGranted', data: { decidedAt: AT.granted, decidedBy: HANDLER, onTime: true, assignmentDueAt: AT.assignmentDue, deadlineWarnings: [] } };
    spec.given([received(), accepted, meansChecked, granted]).when(supply(AT.assigned)).then((events, state) => {
      expect(events).toEqual([{ type: 'OutstandingMaterialsSupplied', data: { note: '已提交原件', suppliedAt: AT.assigned, onTime: true } }]);
      expect(state).toMatchObject({ stage: 'granted', application: { outstanding: { status: 'supplied', items: ['工资欠条原件'] } } });
    });
  });

  it('given materials outstanding, when they arrive after their deadline, then they are recorded late', () => {
    spec.given([received(), accepted]).when(supply('2026-09-16T02:00:00.000Z')).then((events) => expect(events[0]).toMatchObject({ data: { onTime: false } }));
  });

  it('given nothing outstanding, when outstanding materials are supplied, then it is refused', () => {
    spec.given([received()]).when(supply(AT.day3)).thenRefuses('NO_MATERIALS_OUTSTANDING');
  });

  it('given materials supplied, when they are supplied again, then it is refused', () => {
    spec.given([received(), accepted, { type: 'OutstandingMaterialsSupplied', data: { note: null, suppliedAt: AT.day3, onTime: true } }]).when(supply(AT.day5)).thenRefuses('NO_MATERIALS_OUTSTANDING');
  });
});
