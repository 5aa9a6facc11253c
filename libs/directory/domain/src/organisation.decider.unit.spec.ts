import { DeciderSpecification } from '@pls/event-sourcing/testing';
import type { OrganisationFacts, RegisterOrganisation } from './organisation.commands';
import { organisationDecider, organisationFactsOf } from './organisation.decider';
import type { OrganisationCommand, OrganisationRegistered } from './index';

const spec = DeciderSpecification(organisationDecider);
const actor = { userId: 'admin-1', orgId: 'sc-justice', roles: ['admin'] };
let sequence = 0;

function command<C extends OrganisationCommand>(type: C['type'], data: C['data']): C {
  return { type, data, metadata: { commandId: `cmd-${++sequence}`, now: '2026-03-02T01:00:00.000Z', actor } } as unknown as C;
}

function register(data: Partial<RegisterOrganisation['data']> = {}): RegisterOrganisation {
  return command<RegisterOrganisation>('RegisterOrganisation', {
    orgId: 'lz-legal-aid',
    name: '乐至县法律援助中心',
    kind: 'legal-aid-agency',
    regionCode: '512022',
    lines: ['legal-aid'],
    ...data,
  });
}

const legalAidRegistered: OrganisationRegistered = {
  type: 'OrganisationRegistered',
  data: { orgId: 'lz-legal-aid', name: '乐至县法律援助中心', kind: 'legal-aid-agency', regionCode: '512022000000', lines: ['legal-aid'], jurisdiction: [] },
};

const courtRegistered: OrganisationRegistered = {
  type: 'OrganisationRegistered',
  data: { orgId: 'lz-court', name: '乐至县人民法院', kind: 'court', regionCode: '512022000000', lines: ['legal-aid', 'mediation'], jurisdiction: ['512022000000'] },
};

const centre: OrganisationFacts = { orgId: 'lz-centre', kind: 'public-legal-service-centre', lines: ['legal-aid', 'mediation'], regionCode: '512022', closed: false };

describe('Organisation', () => {
  describe('registering', () => {
    it('given nothing, when a county legal aid agency registers, then it is recorded with its 12-digit region, canonical lines and normalised phone', () => {
      spec
        .given([])
        .when(register({ lines: ['legal-aid', 'legal-aid'], phone: '028 2330 0149', address: '  乐至县天池街道 ' }))
        .then([{ type: 'OrganisationRegistered', data: { ...legalAidRegistered.data, address: '乐至县天池街道', phone: '028-23300149' } }]);
    });

    it('given nothing, when a county centre registers to front several lines, then it is accepted in canonical line order', () => {
      spec
        .given([])
        .when(register({ orgId: 'lz-centre', kind: 'public-legal-service-centre', name: '乐至县公共法律服务中心', lines: ['community-correction', 'legal-aid', 'mediation'] }))
        .then((events) => expect(events[0].data).toMatchObject({ lines: ['legal-aid', 'mediation', 'community-correction'] }));
    });

    it.each([
      ['a station at its township', 'public-legal-service-station', '512022101'],
      ['a room at its village', 'public-legal-service-room', '512022101200'],
      ['a centre at the province', 'public-legal-service-centre', '510000'],
      ['a judicial office at its township', 'judicial-office', '512022001'],
      ['a mediation committee at a village', 'mediation-committee', '512022101200'],
    ] as const)('given nothing, when %s registers, then it is accepted', (_, kind, regionCode) => {
      const lines = kind === 'judicial-office' ? (['community-correction'] as const) : kind === 'mediation-committee' ? (['mediation'] as const) : (['legal-aid'] as const);
      spec
        .given([])
        .when(register({ kind, regionCode, lines: [...lines] }))
        .then((events) => expect(events).toHaveLength(1));
    });

    it.each([
      ['a centre below county level', 'public-legal-service-centre', '512022101'],
      ['a station at county level', 'public-legal-service-station', '512022'],
      ['a room at a township', 'public-legal-service-room', '512022101'],
      ['a judicial office at county level', 'judicial-office', '512022'],
      ['a legal aid agency at a township', 'legal-aid-agency', '512022101'],
      ['a hotline at a county', 'hotline-12348', '512022'],
    ] as const)('given nothing, when %s registers, then it is refused with ORGANISATION_LEVEL_NOT_ALLOWED', (_, kind, regionCode) => {
      const lines = kind === 'judicial-office' ? ['community-correction' as const] : ['legal-aid' as const];
      spec.given([]).when(register({ kind, regionCode, lines })).thenRefuses('ORGANISATION_LEVEL_NOT_ALLOWED');
    });

    it('given nothing, when a legal aid agency claims to mediate, then it is refused because an agency serves only its own line', () => {
      spec.given([]).when(register({ lines: ['legal-aid', 'mediation'] })).thenRefuses('ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND', /mediation/);
    });

    it('given nothing, when a mediation committee registers without the mediation line, then it is refused', () => {
      spec.given([]).when(register({ kind: 'mediation-committee', lines: [] })).thenRefuses('AGENCY_MUST_SERVE_ITS_OWN_LINE');
    });

    it('given nothing, when a law firm registers for notarization, then it is refused', () => {
      spec.given([]).when(register({ kind: 'law-firm', lines: ['notarization'] })).thenRefuses('ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND');
    });

    it('given nothing, when a court registers without a jurisdiction, then it is refused', () => {
      spec.given([]).when(register({ orgId: 'lz-court', kind: 'court', lines: ['legal-aid'] })).thenRefuses('EXTERNAL_ORGAN_JURISDICTION_REQUIRED');
    });

    describe('a petitions office (信访局, 访调对接)', () => {
      const petitions = (data: Partial<RegisterOrganisation['data']> = {}) =>
        register({ orgId: 'lz-petitions', name: '乐至县信访局', kind: 'petitions-office', lines: ['mediation'], jurisdiction: ['512022'], ...data });

      it('given nothing, when a county petitions office registers for mediation with its jurisdiction, then it is recorded as an external organ', () => {
        spec
          .given([])
          .when(petitions())
          .then([
            {
              type: 'OrganisationRegistered',
              data: { orgId: 'lz-petitions', name: '乐至县信访局', kind: 'petitions-office', regionCode: '512022000000', lines: ['mediation'], jurisdiction: ['512022000000'] },
            },
          ]);
      });

      it('given nothing, when it registers without a jurisdiction, then it is refused', () => {
        spec.given([]).when(petitions({ jurisdiction: [] })).thenRefuses('EXTERNAL_ORGAN_JURISDICTION_REQUIRED');
      });

      it('given nothing, when it registers at a township, then it is refused (county level and above)', () => {
        spec.given([]).when(petitions({ regionCode: '512022001' })).thenRefuses('ORGANISATION_LEVEL_NOT_ALLOWED');
      });

      it('given nothing, when it claims legal aid, then it is refused because it integrates with mediation only', () => {
        spec.given([]).when(petitions({ lines: ['mediation', 'legal-aid'] })).thenRefuses('ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND', /legal-aid/);
      });
    });

    it('given nothing, when a Sichuan court claims a Yunnan county, then it is refused as outside its province', () => {
      spec
        .given([])
        .when(register({ orgId: 'lz-court', kind: 'court', lines: ['legal-aid'], jurisdiction: ['512022', '530102'] }))
        .thenRefuses('JURISDICTION_OUTSIDE_PROVINCE');
    });

    it('given nothing, when a court covers two counties of its province, then its jurisdiction is padded, deduplicated and sorted', () => {
      spec
        .given([])
        .when(register({ orgId: 'zy-railway-court', kind: 'court', regionCode: '512000', lines: ['legal-aid'], jurisdiction: ['512022', '511112', '512022000000'] }))
        .then((events) => expect(events[0].data).toMatchObject({ jurisdiction: ['511112000000', '512022000000'] }));
    });

    it('given nothing, when a legal aid agency declares a jurisdiction, then it is refused because only external organs have one', () => {
      spec.given([]).when(register({ jurisdiction: ['512022'] })).thenRefuses('JURISDICTION_ONLY_FOR_EXTERNAL_ORGANS');
    });

    it.each([
      ['a malformed region code', 'REGION_CODE_MALFORMED', { regionCode: '51202' }],
      ['a malformed jurisdiction code', 'REGION_CODE_MALFORMED', { kind: 'court', jurisdiction: ['5120221'] }],
      ['an unknown kind', 'ORGANISATION_KIND_UNKNOWN', { kind: 'tea-house' }],
      ['an unknown line', 'BUSINESS_LINE_UNKNOWN', { lines: ['divorce'] }],
      ['a blank name', 'ORGANISATION_NAME_REQUIRED', { name: '  ' }],
      ['a blank id', 'ORGANISATION_ID_REQUIRED', { orgId: '' }],
      ['an invalid phone', 'PHONE_NUMBER_INVALID', { phone: '12345' }],
    ])('given nothing, when it registers with %s, then it is refused with %s', (_, code, data) => {
      spec
        .given([])
        .when(register(data as Partial<RegisterOrganisation['data']>))
        .thenRefuses(code as string);
    });

    it('given it is registered, when it registers again, then it is refused', () => {
      spec.given([legalAidRegistered]).when(register()).thenRefuses('ORGANISATION_ALREADY_REGISTERED');
    });

    it('given an open county centre, when a township station registers below it, then the parent is recorded', () => {
      spec
        .given([])
        .when(register({ orgId: 'lz-station-shifo', kind: 'public-legal-service-station', regionCode: '512022101', lines: ['legal-aid'], parent: centre }))
        .then((events) => expect(events[0].data).toMatchObject({ parentOrgId: 'lz-centre', regionCode: '512022101000' }));
    });

    it('given a closed parent, when a station registers below it, then it is refused', () => {
      spec
        .given([])
        .when(register({ kind: 'public-legal-service-station', regionCode: '512022101', parent: { ...centre, closed: true } }))
        .thenRefuses('PARENT_ORGANISATION_CLOSED');
    });

    it('given a parent in another county, when a station registers below it, then it is refused as outside the parent region', () => {
      spec
        .given([])
        .when(register({ kind: 'public-legal-service-station', regionCode: '511112100', parent: centre }))
        .thenRefuses('ORGANISATION_OUTSIDE_PARENT_REGION');
    });

    it('given nothing, when an organisation names itself as parent, then it is refused', () => {
      spec
        .given([])
        .when(register({ parent: { ...centre, orgId: 'lz-legal-aid' } }))
        .thenRefuses('PARENT_ORGANISATION_IS_SELF');
    });
  });

  describe('updating', () => {
    it('given a registered agency, when its name and phone change, then only the changes are recorded with who made them', () => {
      spec
        .given([legalAidRegistered])
        .when(command('UpdateOrganisation', { orgId: 'lz-legal-aid', name: '乐至县法律援助中心（新址）', phone: '13800001234', lines: ['legal-aid'] }))
        .then((events, state) => {
          expect(events).toEqual([
            { type: 'OrganisationUpdated', data: { orgId: 'lz-legal-aid', changes: { name: '乐至县法律援助中心（新址）', phone: '13800001234' }, updatedBy: 'admin-1' } },
          ]);
          expect(state).toMatchObject({ status: 'active', organisation: { name: '乐至县法律援助中心（新址）', phone: '13800001234' } });
        });
    });

    it('given a registered agency, when the update repeats what is recorded, then nothing happens', () => {
      spec
        .given([legalAidRegistered])
        .when(command('UpdateOrganisation', { orgId: 'lz-legal-aid', name: '乐至县法律援助中心', lines: ['legal-aid'] }))
        .thenNothingHappens();
    });

    it('given an agency with an address, when the address is cleared, then the change says null and the state drops it', () => {
      const withAddress: OrganisationRegistered = { ...legalAidRegistered, data: { ...legalAidRegistered.data, address: '天池街道' } };
      spec
        .given([withAddress])
        .when(command('UpdateOrganisation', { orgId: 'lz-legal-aid', address: null }))
        .then((events, state) => {
          expect(events[0].data).toMatchObject({ changes: { address: null } });
          expect(state.status === 'active' && 'address' in state.organisation).toBe(false);
        });
    });

    it('given a legal aid agency, when it is updated to serve notarization, then it is refused', () => {
      spec
        .given([legalAidRegistered])
        .when(command('UpdateOrganisation', { orgId: 'lz-legal-aid', lines: ['legal-aid', 'notarization'] }))
        .thenRefuses('ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND');
    });

    it('given a court, when its jurisdiction is emptied, then it is refused', () => {
      spec.given([courtRegistered]).when(command('UpdateOrganisation', { orgId: 'lz-court', jurisdiction: [] })).thenRefuses('EXTERNAL_ORGAN_JURISDICTION_REQUIRED');
    });

    it('given nothing, when an update arrives, then it is refused as not found', () => {
      spec.given([]).when(command('UpdateOrganisation', { orgId: 'lz-legal-aid', name: 'x' })).thenRefuses('ORGANISATION_NOT_FOUND');
    });

    it('given a stream of another organisation, when the update names a different id, then it is refused', () => {
      spec.given([legalAidRegistered]).when(command('UpdateOrganisation', { orgId: 'lz-court', name: 'x' })).thenRefuses('ORGANISATION_ID_MISMATCH');
    });
  });

  describe('closing', () => {
    it('given a registered agency, when it is closed with a reason, then it is closed and its facts say so', () => {
      spec
        .given([legalAidRegistered])
        .when(command('CloseOrganisation', { orgId: 'lz-legal-aid', reason: '机构改革合并' }))
        .then((events, state) => {
          expect(events).toEqual([{ type: 'OrganisationClosed', data: { orgId: 'lz-legal-aid', reason: '机构改革合并', closedBy: 'admin-1' } }]);
          expect(organisationFactsOf(state)).toEqual({ orgId: 'lz-legal-aid', kind: 'legal-aid-agency', lines: ['legal-aid'], regionCode: '512022000000', closed: true });
        });
    });

    it('given a registered agency, when it is closed without a reason, then it is refused', () => {
      spec.given([legalAidRegistered]).when(command('CloseOrganisation', { orgId: 'lz-legal-aid', reason: ' ' })).thenRefuses('CLOSURE_REASON_REQUIRED');
    });

    const closed = { type: 'OrganisationClosed' as const, data: { orgId: 'lz-legal-aid', reason: '合并', closedBy: 'admin-1' } };

    it('given a closed organisation, when it is updated, then it refuses the change', () => {
      spec.given([legalAidRegistered, closed]).when(command('UpdateOrganisation', { orgId: 'lz-legal-aid', name: 'x' })).thenRefuses('ORGANISATION_CLOSED');
    });

    it('given a closed organisation, when it is closed again, then it is refused', () => {
      spec.given([legalAidRegistered, closed]).when(command('CloseOrganisation', { orgId: 'lz-legal-aid', reason: 'again' })).thenRefuses('ORGANISATION_CLOSED');
    });

    it('given nothing, then there are no facts to hand to other commands', () => {
      expect(organisationFactsOf(organisationDecider.initialState)).toBeNull();
    });
  });
});
