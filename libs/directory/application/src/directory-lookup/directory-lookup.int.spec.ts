import type { BusinessLine } from '@pls/directory-contracts';
import { demoOrganisation } from '@pls/directory-domain';
import { newId } from '@pls/shared-kernel';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';

describe('the directory lookup other contexts use', () => {
  let kit: DirectoryTestKit;
  beforeAll(async () => {
    kit = await DirectoryTestKit.create();
  });

  it.each([
    ['a 乐至 village', '512022101200', 'legal-aid', '乐至县法律援助中心'],
    ['a 乐至 village, mediation', '512022101200', 'mediation', '乐至县石佛镇人民调解委员会'],
    ['a 乐至 township', '512022104', 'mediation', '乐至县童家镇人民调解委员会'],
    ['乐至县 itself, mediation', '512022', 'mediation', '乐至县道路交通事故纠纷人民调解委员会'],
    ['a 乐至 village, notarization', '512022001205', 'notarization', '四川省乐至县公证处'],
    ['a 乐至 village, forensic appraisal (only the city has one)', '512022001205', 'forensic-appraisal', '资阳衡诚司法鉴定所'],
    ['a 乐至 village, community correction', '512022001205', 'community-correction', '乐至县社区矫正管理局'],
    ['a 五通桥 village', '511112101201', 'legal-aid', '乐山市五通桥区法律援助中心'],
  ] as const)('the default agency of %s for %s is %s', async (_, regionCode, line, name) => {
    expect((await kit.lookup.defaultAgencyFor(regionCode, line as BusinessLine))?.name).toBe(name);
  });

  it('a region with no agency of the line at or above it has no default', async () => {
    expect(await kit.lookup.defaultAgencyFor('530102', 'legal-aid')).toBeNull();
    expect(await kit.lookup.defaultAgencyFor('512021', 'legal-aid')).toBeNull();
  });

  it('a village committee, once registered, becomes its village\'s default, and its township\'s again when it closes', async () => {
    const own = await DirectoryTestKit.create();
    const admin = demoRequester('sc.admin');
    const { orgId } = await own.registerOrganisation.execute(
      { name: '庆云庵村人民调解委员会', kind: 'mediation-committee', regionCode: '512022101200', parentOrgId: demoOrganisation('lz.judicial-office.512022101').orgId, lines: ['mediation'] },
      own.context(admin),
    );
    await own.project();
    expect((await own.lookup.defaultAgencyFor('512022101200', 'mediation'))?.orgId).toBe(orgId);
    expect((await own.lookup.defaultAgencyFor('512022101208', 'mediation'))?.name).toBe('乐至县石佛镇人民调解委员会');
    await own.closeOrganisation.execute({ orgId, reason: '合并' }, own.context(admin));
    await own.project();
    expect((await own.lookup.defaultAgencyFor('512022101200', 'mediation'))?.name).toBe('乐至县石佛镇人民调解委员会');
  });

  it('an organisation is described with its 12-digit region, level and lines', async () => {
    const legalAid = demoOrganisation('lz.legal-aid');
    expect(await kit.lookup.organisation(legalAid.orgId)).toEqual({
      orgId: legalAid.orgId,
      name: '乐至县法律援助中心',
      kind: 'legal-aid-agency',
      regionCode: '512022000000',
      level: 'county',
      lines: ['legal-aid'],
      jurisdiction: [],
      parentOrgId: demoOrganisation('lz.justice-bureau').orgId,
      closed: false,
    });
    expect(await kit.lookup.organisation(newId())).toBeNull();
  });

  it('a staff member is described with the unmasked phone and their lawyer profile', async () => {
    const huang = demoLogin('lz.lawyer.huang');
    expect(await kit.lookup.staffMember(huang.userId)).toMatchObject({
      name: '黄文斌',
      phone: expect.stringMatching(/^1990000\d{4}$/),
      profiles: ['lawyer'],
      lawyer: { criminalDefenceYears: 12, specialties: ['criminal-defence', 'minors', 'state-compensation'] },
    });
  });

  it('the population is the latest recorded year not after the one asked', async () => {
    expect(await kit.lookup.population('512022', 2020)).toBe(490_573);
    expect(await kit.lookup.population('512022000000', 2026)).toBe(490_573);
    expect(await kit.lookup.population('512022', 2019)).toBeNull();
    expect(await kit.lookup.population('512021', 2020)).toBeNull();
  });

  it('lawyers with three years of criminal defence are those life-or-death cases may go to (法律援助法实施工作办法)', async () => {
    expect((await kit.lookup.lawyers({ regionCode: '512022', minCriminalDefenceYears: 3 })).map((lawyer) => lawyer.name)).toEqual(['吴昊', '黄文斌']);
    expect((await kit.lookup.lawyers({ regionCode: '511112', minCriminalDefenceYears: 3 })).map((lawyer) => lawyer.name).sort()).toEqual(['蔡永红', '贺磊', '雷鸣'].sort());
  });

  it('lawyers familiar with minors, at one firm or anywhere in Sichuan', async () => {
    expect((await kit.lookup.lawyers({ orgId: demoOrganisation('lz.firm.chengming').orgId, specialties: ['minors'] })).map((lawyer) => lawyer.name).sort()).toEqual(['杨雪梅', '黄文斌'].sort());
    expect(await kit.lookup.lawyers({ regionCode: '510000', specialties: ['minors', 'criminal-defence'] })).toHaveLength(2);
    expect(await kit.lookup.lawyers({ regionCode: '510000', limit: 3 })).toHaveLength(3);
  });
});
