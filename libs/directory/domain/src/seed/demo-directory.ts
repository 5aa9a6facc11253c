import type { Actor, CommandMetadata } from '@pls/event-sourcing';
import { deterministicId, padRegionCode } from '@pls/shared-kernel';
import { BUSINESS_LINES, type BusinessLine, type OrganisationKind, type StaffRole } from '../directory.types';
import type { OrganisationCommand, OrganisationFacts } from '../organisation.commands';
import type { RegionCommand } from '../region.commands';
import type {
  RecordAppraiserProfile,
  RecordCorrectionOfficerProfile,
  RecordLawyerProfile,
  RecordMediatorProfile,
  RecordNotaryProfile,
  StaffMemberCommand,
} from '../staff-member.commands';
import { organisationStreamId, regionStreamId, staffMemberStreamId } from '../streams';
import { type DemoCounty, type DemoTownship, demoPopulations, LEZHI, LESHAN, SICHUAN, townshipOf, WUTONGQIAO, ZIYANG } from './demo-regions';

/**
 * The demo directory: 四川省 → 资阳市 → 乐至县 and 乐山市 → 五通桥区 with real townships and villages,
 * and invented organisations' staff. People, phone numbers, licence numbers, law firms and
 * appraisal institutions are invented; public bodies carry the names such bodies have.
 *
 * Ids and command ids are name-based UUIDs of a stable key, so sending the commands twice is a
 * no-op (the command handler replays a command id it has seen).
 */

export const DEMO_SEED_INSTANT = '2026-01-05T00:00:00.000Z';
const NAMESPACE = 'pls-demo-directory';

export function demoOrgId(key: string): string {
  return deterministicId(NAMESPACE, 'organisation', key);
}

export function demoUserId(username: string): string {
  return deterministicId(NAMESPACE, 'user', username);
}

export interface DemoOrganisation {
  /** Stable, readable: 'lz.legal-aid', 'lz.station.512022101', 'sc.hotline'. */
  readonly key: string;
  readonly orgId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** 6, 9 or 12 digits. */
  readonly regionCode: string;
  readonly parentKey?: string;
  readonly lines: readonly BusinessLine[];
  readonly jurisdiction?: readonly string[];
  readonly address?: string;
  readonly phone?: string;
}

export type DemoProfile =
  | ({ readonly kind: 'lawyer' } & Omit<RecordLawyerProfile['data'], 'userId'>)
  | ({ readonly kind: 'mediator' } & Omit<RecordMediatorProfile['data'], 'userId'>)
  | ({ readonly kind: 'notary' } & Omit<RecordNotaryProfile['data'], 'userId'>)
  | ({ readonly kind: 'appraiser' } & Omit<RecordAppraiserProfile['data'], 'userId'>)
  | ({ readonly kind: 'correction-officer' } & Omit<RecordCorrectionOfficerProfile['data'], 'userId'>);

export interface DemoStaffMember {
  /** Stable, readable login handle: 'lz.clerk.centre'. */
  readonly username: string;
  readonly userId: string;
  readonly name: string;
  readonly orgKey: string;
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
  readonly phone: string;
  readonly employeeNo: string;
  readonly profile?: DemoProfile;
  /** What to try when logged in as this user. */
  readonly tryThis: string;
}

const ALL_LINES = BUSINESS_LINES;
const STATION_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation', 'notarization', 'community-correction'];
const ROOM_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation'];
const JUDICIAL_OFFICE_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation', 'community-correction'];
const COURT_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation', 'forensic-appraisal', 'community-correction'];
const PROCURATORATE_LINES: readonly BusinessLine[] = ['legal-aid', 'forensic-appraisal', 'community-correction'];
const POLICE_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation', 'forensic-appraisal', 'community-correction'];

function organisation(spec: Omit<DemoOrganisation, 'orgId'>): DemoOrganisation {
  return { ...spec, orgId: demoOrgId(spec.key) };
}

/** '天池街道' → '天池', '中和场镇' → '中和场', '双河场乡' → '双河场': how 司法所 are named. */
function townshipStem(township: DemoTownship): string {
  return township.name.replace(/(街道|镇|乡)$/, '');
}

interface CountyOrganisationNames {
  /** Prefix of township-level organisation names. */
  readonly prefix: string;
  readonly justiceBureau: string;
  readonly centre: string;
  readonly legalAid: string;
  readonly notary: string;
  /** A county-level trade committee (人民调解法 Art. 34). */
  readonly mediation: string;
  readonly correction: string;
  readonly court: string;
  readonly procuratorate: string;
  readonly police: string;
  readonly detention: string;
  readonly lawFirms: readonly { readonly key: string; readonly name: string }[];
  /** Landline numbers of the bureau, centre, legal aid agency and notary office. */
  readonly phones: readonly [string, string, string, string];
}

const PROVINCE_ORGANISATIONS: readonly DemoOrganisation[] = [
  organisation({ key: 'sc.justice-department', name: '四川省司法厅', kind: 'justice-bureau', regionCode: SICHUAN.code, lines: ALL_LINES }),
  organisation({
    key: 'sc.hotline',
    name: '四川省12348公共法律服务热线',
    kind: 'hotline-12348',
    regionCode: SICHUAN.code,
    parentKey: 'sc.justice-department',
    lines: ALL_LINES,
    phone: '12348',
  }),
  organisation({ key: 'sc.online', name: '四川法律服务网', kind: 'online-platform', regionCode: SICHUAN.code, parentKey: 'sc.justice-department', lines: ALL_LINES }),
];

const CITY_ORGANISATIONS: readonly DemoOrganisation[] = [
  organisation({ key: 'zy.justice-bureau', name: '资阳市司法局', kind: 'justice-bureau', regionCode: ZIYANG.code, parentKey: 'sc.justice-department', lines: ALL_LINES }),
  organisation({ key: 'zy.appraisal', name: '资阳衡诚司法鉴定所', kind: 'appraisal-institution', regionCode: ZIYANG.code, lines: ['forensic-appraisal'] }),
  organisation({ key: 'ls.justice-bureau', name: '乐山市司法局', kind: 'justice-bureau', regionCode: LESHAN.code, parentKey: 'sc.justice-department', lines: ALL_LINES }),
  organisation({ key: 'ls.appraisal', name: '乐山嘉平司法鉴定所', kind: 'appraisal-institution', regionCode: LESHAN.code, lines: ['forensic-appraisal'] }),
];

function countyOrganisations(county: DemoCounty, cityBureauKey: string, names: CountyOrganisationNames): DemoOrganisation[] {
  const k = county.key;
  const seat = townshipOf(county, county.seatTownshipCode);
  const address = `${county.city.name}${county.name}${seat.name}`;
  const jurisdiction = [county.code];
  const [bureauPhone, centrePhone, legalAidPhone, notaryPhone] = names.phones;
  const organisations: DemoOrganisation[] = [
    organisation({ key: `${k}.justice-bureau`, name: names.justiceBureau, kind: 'justice-bureau', regionCode: county.code, parentKey: cityBureauKey, lines: ALL_LINES, address, phone: bureauPhone }),
    organisation({ key: `${k}.centre`, name: names.centre, kind: 'public-legal-service-centre', regionCode: county.code, parentKey: `${k}.justice-bureau`, lines: ALL_LINES, address, phone: centrePhone }),
    organisation({ key: `${k}.legal-aid`, name: names.legalAid, kind: 'legal-aid-agency', regionCode: county.code, parentKey: `${k}.justice-bureau`, lines: ['legal-aid'], address, phone: legalAidPhone }),
    organisation({ key: `${k}.notary`, name: names.notary, kind: 'notary-office', regionCode: county.code, parentKey: `${k}.justice-bureau`, lines: ['notarization'], address, phone: notaryPhone }),
    organisation({ key: `${k}.mediation`, name: names.mediation, kind: 'mediation-committee', regionCode: county.code, parentKey: `${k}.justice-bureau`, lines: ['mediation'] }),
    organisation({ key: `${k}.correction`, name: names.correction, kind: 'correction-agency', regionCode: county.code, parentKey: `${k}.justice-bureau`, lines: ['community-correction'] }),
    organisation({ key: `${k}.court`, name: names.court, kind: 'court', regionCode: county.code, lines: COURT_LINES, jurisdiction }),
    organisation({ key: `${k}.procuratorate`, name: names.procuratorate, kind: 'procuratorate', regionCode: county.code, lines: PROCURATORATE_LINES, jurisdiction }),
    organisation({ key: `${k}.police`, name: names.police, kind: 'police', regionCode: county.code, lines: POLICE_LINES, jurisdiction }),
    organisation({ key: `${k}.detention`, name: names.detention, kind: 'detention-centre', regionCode: county.code, parentKey: `${k}.police`, lines: ['legal-aid'], jurisdiction }),
    ...names.lawFirms.map((firm) => organisation({ key: `${k}.firm.${firm.key}`, name: firm.name, kind: 'law-firm', regionCode: county.code, lines: ['legal-aid'] })),
  ];
  for (const township of county.townships) {
    const t = township.code;
    organisations.push(
      organisation({ key: `${k}.station.${t}`, name: `${names.prefix}${township.name}公共法律服务工作站`, kind: 'public-legal-service-station', regionCode: t, parentKey: `${k}.centre`, lines: STATION_LINES }),
      organisation({ key: `${k}.judicial-office.${t}`, name: `${names.prefix}${townshipStem(township)}司法所`, kind: 'judicial-office', regionCode: t, parentKey: `${k}.justice-bureau`, lines: JUDICIAL_OFFICE_LINES }),
      organisation({ key: `${k}.mediation.${t}`, name: `${names.prefix}${township.name}人民调解委员会`, kind: 'mediation-committee', regionCode: t, parentKey: `${k}.judicial-office.${t}`, lines: ['mediation'] }),
      organisation({ key: `${k}.resettlement.${t}`, name: `${names.prefix}${township.name}安置帮教工作小组`, kind: 'resettlement-team', regionCode: t, parentKey: `${k}.judicial-office.${t}`, lines: ['community-correction'] }),
    );
  }
  for (const village of county.seededVillages) {
    const township = townshipOf(county, village.code);
    organisations.push(
      organisation({
        key: `${k}.room.${village.code}`,
        name: `${names.prefix}${township.name}${village.shortName}公共法律服务工作室`,
        kind: 'public-legal-service-room',
        regionCode: village.code,
        parentKey: `${k}.station.${township.code}`,
        lines: ROOM_LINES,
      }),
    );
  }
  return organisations;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  ...PROVINCE_ORGANISATIONS,
  ...CITY_ORGANISATIONS,
  ...countyOrganisations(LEZHI, 'zy.justice-bureau', {
    prefix: '乐至县',
    justiceBureau: '乐至县司法局',
    centre: '乐至县公共法律服务中心',
    legalAid: '乐至县法律援助中心',
    notary: '四川省乐至县公证处',
    mediation: '乐至县道路交通事故纠纷人民调解委员会',
    correction: '乐至县社区矫正管理局',
    court: '乐至县人民法院',
    procuratorate: '乐至县人民检察院',
    police: '乐至县公安局',
    detention: '乐至县看守所',
    lawFirms: [
      { key: 'chengming', name: '四川乐至澄明律师事务所' },
      { key: 'shouzheng', name: '四川乐至守正律师事务所' },
      { key: 'mingche', name: '四川乐至明澈律师事务所' },
    ],
    phones: ['028-23300100', '028-23300148', '028-23300149', '028-23300160'],
  }),
  // DOMAIN §5.2 访调对接: the county petitions bureau refers disputes to people's mediation.
  organisation({ key: 'lz.petitions', name: '乐至县信访局', kind: 'petitions-office', regionCode: LEZHI.code, lines: ['mediation'], jurisdiction: [LEZHI.code] }),
  ...countyOrganisations(WUTONGQIAO, 'ls.justice-bureau', {
    prefix: '五通桥区',
    justiceBureau: '乐山市五通桥区司法局',
    centre: '五通桥区公共法律服务中心',
    legalAid: '乐山市五通桥区法律援助中心',
    notary: '四川省乐山市五通桥公证处',
    mediation: '五通桥区医疗纠纷人民调解委员会',
    correction: '乐山市五通桥区社区矫正管理局',
    court: '乐山市五通桥区人民法院',
    procuratorate: '乐山市五通桥区人民检察院',
    police: '乐山市公安局五通桥区分局',
    detention: '乐山市五通桥区看守所',
    lawFirms: [
      { key: 'mintao', name: '四川五通桥岷涛律师事务所' },
      { key: 'mingde', name: '四川五通桥明德律师事务所' },
    ],
    phones: ['0833-3300100', '0833-3300148', '0833-3300149', '0833-3300160'],
  }),
];

const organisationsByKey = new Map(DEMO_ORGANISATIONS.map((org) => [org.key, org]));

export function demoOrganisation(key: string): DemoOrganisation {
  const org = organisationsByKey.get(key);
  if (org === undefined) throw new RangeError(`no demo organisation ${key}`);
  return org;
}

/** 律师执业证号 as 17 digits: '1', region (4), year of first licence, category 1 (专职), sex, serial (6). Invented. */
function lawyerLicence(region: string, firstYear: number, sex: 'm' | 'f', serial: number): string {
  return `1${region}${firstYear}1${sex === 'm' ? 1 : 0}${String(serial).padStart(6, '0')}`;
}

interface StaffSpec {
  readonly username: string;
  readonly name: string;
  readonly orgKey: string;
  readonly roles: readonly StaffRole[];
  /** Default: every line of the organisation. */
  readonly lines?: readonly BusinessLine[];
  readonly profile?: DemoProfile;
  readonly tryThis: string;
}

function staffList(employeePrefix: string, firstPhone: number, specs: readonly StaffSpec[]): DemoStaffMember[] {
  return specs.map((spec, index) => ({
    username: spec.username,
    userId: demoUserId(spec.username),
    name: spec.name,
    orgKey: spec.orgKey,
    roles: spec.roles,
    lines: spec.lines ?? demoOrganisation(spec.orgKey).lines,
    // Invented numbers in one obviously made-up block: 199 0000 xxxx.
    phone: `1990000${String(firstPhone + index).padStart(4, '0')}`,
    employeeNo: `${employeePrefix}-${String(index + 1).padStart(3, '0')}`,
    ...(spec.profile === undefined ? {} : { profile: spec.profile }),
    tryThis: spec.tryThis,
  }));
}

const PROVINCE_STAFF = staffList('SC', 1, [
  {
    username: 'sc.admin',
    name: '宋建国',
    orgKey: 'sc.justice-department',
    roles: ['admin', 'supervisor'],
    tryThis: '全省视图：组织机构与人员目录管理；全省各渠道事项量、满意率、每万人法律援助案件数等指标',
  },
  {
    username: 'sc.hotline.clerk',
    name: '田甜',
    orgKey: 'sc.hotline',
    roles: ['clerk'],
    tryThis: '12348热线坐席：登记来电（乐至县村民讨薪），当场答复咨询或转办至乐至县法律援助中心（流程1）',
  },
  {
    username: 'sc.online.clerk',
    name: '邱颖',
    orgKey: 'sc.online',
    roles: ['clerk'],
    tryThis: '网络平台：受理在线公证申请（困难群众减免公证费，核实期间暂停计时，流程4）',
  },
]);

const LEZHI_STAFF = staffList('LZ', 101, [
  {
    username: 'lz.clerk.centre',
    name: '李晓燕',
    orgKey: 'lz.centre',
    roles: ['clerk'],
    tryThis: '县中心窗口：登记来访事项，分流到乐至县法律援助中心；向申请人反馈结果并收集好差评',
  },
  {
    username: 'lz.clerk.station',
    name: '王建华',
    orgKey: 'lz.station.512022101',
    roles: ['clerk'],
    tryThis: '石佛镇工作站：登记交通事故赔偿纠纷，转乐至县道路交通事故纠纷人民调解委员会（流程3）',
  },
  {
    username: 'lz.clerk.room',
    name: '张丽',
    orgKey: 'lz.room.512022101200',
    roles: ['clerk'],
    tryThis: '庆云庵村工作室：登记农民工讨薪求助，跨层级转县法律援助中心，结果短信反馈（流程1）',
  },
  {
    username: 'lz.legal-aid.chen',
    name: '陈志强',
    orgKey: 'lz.legal-aid',
    roles: ['handler'],
    tryThis: '法律援助受理审查：7日内决定（农民工讨薪免予经济困难审查），3日内指派律师',
  },
  {
    username: 'lz.legal-aid.liu',
    name: '刘慧敏',
    orgKey: 'lz.legal-aid',
    roles: ['handler'],
    tryThis: '通知辩护：处理乐至县人民法院关于未成年被告人的通知，3日内指派熟悉未成年人案件的律师（流程2）',
  },
  {
    username: 'lz.supervisor',
    name: '赵国平',
    orgKey: 'lz.justice-bureau',
    roles: ['supervisor'],
    tryThis: '乐至县督办：查看全县各条线队列与超期事项，发起督办；查看差评整改',
  },
  {
    username: 'zy.supervisor',
    name: '周明',
    orgKey: 'zy.justice-bureau',
    roles: ['supervisor'],
    tryThis: '资阳市督办：全市（含乐至县）指标，如调解成功率、通知辩护按时指派率',
  },
  {
    username: 'lz.lawyer.huang',
    name: '黄文斌',
    orgKey: 'lz.firm.chengming',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5120', 2011, 'm', 10231), practiceYears: 15, criminalDefenceYears: 12, specialties: ['criminal-defence', 'minors', 'state-compensation'], maxConcurrentCases: 8 },
    tryThis: '律师（刑辩12年，熟悉未成年人案件）：可承办可能判处无期徒刑、死刑的案件和未成年人案件',
  },
  {
    username: 'lz.lawyer.yang',
    name: '杨雪梅',
    orgKey: 'lz.firm.chengming',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5120', 2018, 'f', 10577), practiceYears: 8, criminalDefenceYears: 0, specialties: ['minors', 'family', 'civil'], maxConcurrentCases: 6 },
    tryThis: '律师（未成年人、婚姻家庭）：承办未成年人民事援助案件，提交结案材料',
  },
  {
    username: 'lz.lawyer.wu',
    name: '吴昊',
    orgKey: 'lz.firm.shouzheng',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5120', 2020, 'm', 10702), practiceYears: 6, criminalDefenceYears: 4, specialties: ['criminal-defence', 'administrative'], maxConcurrentCases: 6 },
    tryThis: '律师（刑辩4年）：承办通知辩护的成年人刑事案件',
  },
  {
    username: 'lz.lawyer.zhou',
    name: '周晓琳',
    orgKey: 'lz.firm.shouzheng',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5120', 2023, 'f', 10915), practiceYears: 3, criminalDefenceYears: 0, specialties: ['labour', 'contract'], maxConcurrentCases: 5 },
    tryThis: '律师（劳动争议）：承办农民工讨薪援助案件（流程1）',
  },
  {
    username: 'lz.lawyer.zheng',
    name: '郑凯',
    orgKey: 'lz.firm.mingche',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5120', 2024, 'm', 11036), practiceYears: 2, criminalDefenceYears: 1, specialties: ['criminal-defence', 'civil'], maxConcurrentCases: 4 },
    tryThis: '律师（刑辩1年）：不足3年，指派可能判处无期徒刑、死刑的案件时应被排除',
  },
  {
    username: 'lz.lawyer.luo',
    name: '罗丹',
    orgKey: 'lz.firm.mingche',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5120', 2015, 'f', 10388), practiceYears: 11, criminalDefenceYears: 2, specialties: ['labour', 'traffic-accident', 'medical-dispute'], maxConcurrentCases: 6 },
    tryThis: '律师（劳动、交通事故、医疗纠纷）：承办交通事故人身损害赔偿援助案件',
  },
  {
    username: 'lz.mediator.he',
    name: '何秀英',
    orgKey: 'lz.mediation',
    roles: ['handler'],
    profile: { kind: 'mediator', fullTime: true, specialties: ['personal-injury', 'traffic'] },
    tryThis: '专职调解员：调解交通事故纠纷，委托伤残鉴定，达成协议后引导申请司法确认（流程3）',
  },
  {
    username: 'lz.mediator.deng',
    name: '邓国强',
    orgKey: 'lz.mediation.512022101',
    roles: ['handler'],
    profile: { kind: 'mediator', fullTime: true, specialties: ['neighbours', 'housing-homestead', 'land', 'traffic'] },
    tryThis: '石佛镇专职调解员：调解邻里、宅基地纠纷，记录调解过程与协议',
  },
  {
    username: 'lz.mediator.jiang',
    name: '蒋玉兰',
    orgKey: 'lz.mediation.512022001',
    roles: ['handler'],
    profile: { kind: 'mediator', fullTime: false, specialties: ['marriage-family', 'inheritance', 'property-management'] },
    tryThis: '天池街道兼职调解员：调解婚姻家庭、继承纠纷',
  },
  {
    username: 'lz.notary.sun',
    name: '孙立新',
    orgKey: 'lz.notary',
    roles: ['handler'],
    profile: { kind: 'notary', licenceNo: '512022201200017' },
    tryThis: '公证员：受理公证申请，15个工作日内出证，核实期间不计时（流程4）',
  },
  {
    username: 'lz.notary.ma',
    name: '马静',
    orgKey: 'lz.notary',
    roles: ['handler'],
    profile: { kind: 'notary', licenceNo: '512022201800023' },
    tryThis: '公证员：办理继承、委托公证；困难群众减免公证费',
  },
  {
    username: 'zy.appraiser.tang',
    name: '唐振华',
    orgKey: 'zy.appraisal',
    roles: ['handler'],
    profile: { kind: 'appraiser', categories: ['forensic-clinical', 'forensic-pathology'], seniority: 'senior' },
    tryThis: '司法鉴定人（高级，法医临床/病理）：7个工作日内决定受理调解委员会委托的伤残鉴定（流程3）',
  },
  {
    username: 'zy.appraiser.xu',
    name: '许明',
    orgKey: 'zy.appraisal',
    roles: ['handler'],
    profile: { kind: 'appraiser', categories: ['forensic-clinical', 'traffic-accident'], seniority: 'intermediate' },
    tryThis: '司法鉴定人（中级，法医临床/交通事故）：与唐振华共同鉴定，30个工作日内出具鉴定意见书',
  },
  {
    username: 'zy.appraiser.feng',
    name: '冯佳',
    orgKey: 'zy.appraisal',
    roles: ['handler'],
    profile: { kind: 'appraiser', categories: ['physical-evidence', 'electronic-data'], seniority: 'junior' },
    tryThis: '司法鉴定人（初级，物证/电子数据）：受理公安机关委托的电子数据鉴定',
  },
  {
    username: 'lz.correction.zeng',
    name: '曾德明',
    orgKey: 'lz.correction',
    roles: ['handler'],
    profile: { kind: 'correction-officer', familiarWithMinors: false, officerNo: 'LZSJ-0101' },
    tryThis: '社区矫正：10个工作日内完成法院委托的调查评估；接收社区矫正通知，未按时报到时发出预警（流程5）',
  },
  {
    username: 'lz.correction.peng',
    name: '彭丽',
    orgKey: 'lz.judicial-office.512022001',
    roles: ['handler'],
    profile: { kind: 'correction-officer', familiarWithMinors: true, officerNo: 'LZSJ-0102' },
    tryThis: '天池司法所：社区矫正日常管理、入矫宣告，解除矫正后移交安置帮教工作小组',
  },
  {
    username: 'lz.court',
    name: '谢文涛',
    orgKey: 'lz.court',
    roles: ['court'],
    tryThis: '法院：发出通知辩护（未成年被告人）、委托调查评估、对调解协议作出司法确认裁定；查看本辖区指派情况',
  },
  {
    username: 'lz.procuratorate',
    name: '韩冰',
    orgKey: 'lz.procuratorate',
    roles: ['procuratorate'],
    tryThis: '检察院：查看本辖区社区矫正执行情况，发出纠正意见或检察建议',
  },
  {
    username: 'lz.police',
    name: '梁勇',
    orgKey: 'lz.police',
    roles: ['police'],
    tryThis: '公安：通知法律援助机构指派辩护律师；委托交通事故鉴定；警调对接移送纠纷',
  },
  {
    username: 'lz.detention',
    name: '邹平',
    orgKey: 'lz.detention',
    roles: ['police'],
    tryThis: '看守所：24小时内转交在押人员的法律援助申请',
  },
  {
    username: 'lz.petitions',
    name: '罗春燕',
    orgKey: 'lz.petitions',
    roles: ['petitions'],
    tryThis: '信访局：访调对接，将信访事项中的民间纠纷移送人民调解委员会并查看调解结果',
  },
]);

const WUTONGQIAO_STAFF = staffList('WTQ', 201, [
  {
    username: 'wtq.clerk.centre',
    name: '龚晓红',
    orgKey: 'wtq.centre',
    roles: ['clerk'],
    tryThis: '区中心窗口：登记来访、分流并反馈结果，收集好差评',
  },
  {
    username: 'wtq.clerk.station',
    name: '苏建',
    orgKey: 'wtq.station.511112100',
    roles: ['clerk'],
    tryThis: '竹根镇工作站：受理法律援助申请并转交区法律援助中心',
  },
  {
    username: 'wtq.clerk.room',
    name: '潘婷',
    orgKey: 'wtq.room.511112101201',
    roles: ['clerk'],
    tryThis: '三塔村工作室：登记村民法律咨询和邻里纠纷，转牛华镇人民调解委员会',
  },
  {
    username: 'wtq.legal-aid.hu',
    name: '胡斌',
    orgKey: 'wtq.legal-aid',
    roles: ['handler'],
    tryThis: '法律援助受理审查与指派；查看全区每万人法律援助案件数（2020年2.28件）',
  },
  {
    username: 'wtq.legal-aid.yuan',
    name: '袁芳',
    orgKey: 'wtq.legal-aid',
    roles: ['handler'],
    tryThis: '通知辩护与值班律师安排；结案材料审查与回访',
  },
  {
    username: 'wtq.supervisor',
    name: '董志华',
    orgKey: 'wtq.justice-bureau',
    roles: ['supervisor'],
    tryThis: '五通桥区督办：全区队列、超期事项、调解成功率（2020年98.78%）',
  },
  {
    username: 'ls.supervisor',
    name: '程刚',
    orgKey: 'ls.justice-bureau',
    roles: ['supervisor'],
    tryThis: '乐山市督办：全市（含五通桥区）指标与督办',
  },
  {
    username: 'wtq.lawyer.cai',
    name: '蔡永红',
    orgKey: 'wtq.firm.mintao',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5111', 2008, 'f', 20118), practiceYears: 18, criminalDefenceYears: 12, specialties: ['criminal-defence', 'minors'], maxConcurrentCases: 8 },
    tryThis: '律师（刑辩12年，熟悉未成年人案件）：承办重大刑事案件与未成年人案件',
  },
  {
    username: 'wtq.lawyer.he',
    name: '贺磊',
    orgKey: 'wtq.firm.mintao',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5111', 2021, 'm', 20764), practiceYears: 5, criminalDefenceYears: 3, specialties: ['criminal-defence', 'administrative', 'state-compensation'], maxConcurrentCases: 6 },
    tryThis: '律师（刑辩3年，国家赔偿）：刚满3年刑辩经验，可承办可能判处无期徒刑、死刑的案件',
  },
  {
    username: 'wtq.lawyer.cao',
    name: '曹琴',
    orgKey: 'wtq.firm.mintao',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5111', 2022, 'f', 20831), practiceYears: 4, criminalDefenceYears: 0, specialties: ['minors', 'family'], maxConcurrentCases: 5 },
    tryThis: '律师（未成年人、婚姻家庭）：承办家庭暴力受害人援助案件（无经济困难条件）',
  },
  {
    username: 'wtq.lawyer.yan',
    name: '阎涛',
    orgKey: 'wtq.firm.mingde',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5111', 2017, 'm', 20455), practiceYears: 9, criminalDefenceYears: 1, specialties: ['criminal-defence', 'labour', 'civil'], maxConcurrentCases: 6 },
    tryThis: '律师（劳动、民事）：承办工伤赔偿援助案件',
  },
  {
    username: 'wtq.lawyer.xue',
    name: '薛梅',
    orgKey: 'wtq.firm.mingde',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5111', 2024, 'f', 20972), practiceYears: 2, criminalDefenceYears: 0, specialties: ['labour', 'contract'], maxConcurrentCases: 4 },
    tryThis: '律师（劳动、合同）：承办农民工讨薪案件',
  },
  {
    username: 'wtq.lawyer.lei',
    name: '雷鸣',
    orgKey: 'wtq.firm.mingde',
    roles: ['handler'],
    profile: { kind: 'lawyer', licenceNo: lawyerLicence('5111', 2001, 'm', 20027), practiceYears: 25, criminalDefenceYears: 20, specialties: ['criminal-defence'], maxConcurrentCases: 10 },
    tryThis: '律师（刑辩20年）：承办可能判处死刑的案件',
  },
  {
    username: 'wtq.mediator.tang',
    name: '汤建平',
    orgKey: 'wtq.mediation',
    roles: ['handler'],
    profile: { kind: 'mediator', fullTime: true, specialties: ['medical', 'personal-injury'] },
    tryThis: '专职调解员（医疗纠纷）：调解医患纠纷，必要时委托医疗损害鉴定',
  },
  {
    username: 'wtq.mediator.bai',
    name: '白秀兰',
    orgKey: 'wtq.mediation.511112100',
    roles: ['handler'],
    profile: { kind: 'mediator', fullTime: false, specialties: ['marriage-family', 'neighbours'] },
    tryThis: '竹根镇兼职调解员：调解婚姻家庭与邻里纠纷',
  },
  {
    username: 'wtq.mediator.shi',
    name: '石勇',
    orgKey: 'wtq.mediation.511112107',
    roles: ['handler'],
    profile: { kind: 'mediator', fullTime: true, specialties: ['land', 'traffic', 'labour'] },
    tryThis: '西坝镇专职调解员：调解土地、交通事故和劳动纠纷',
  },
  {
    username: 'wtq.notary.kang',
    name: '康宁',
    orgKey: 'wtq.notary',
    roles: ['handler'],
    profile: { kind: 'notary', licenceNo: '511112201000031' },
    tryThis: '公证员：办理保全证据、现场监督公证',
  },
  {
    username: 'wtq.notary.mao',
    name: '毛佳',
    orgKey: 'wtq.notary',
    roles: ['handler'],
    profile: { kind: 'notary', licenceNo: '511112201900044' },
    tryThis: '公证员：办理涉外公证与电子数据存证',
  },
  {
    username: 'ls.appraiser.jiang',
    name: '江海',
    orgKey: 'ls.appraisal',
    roles: ['handler'],
    profile: { kind: 'appraiser', categories: ['forensic-clinical', 'forensic-psychiatry'], seniority: 'senior' },
    tryThis: '司法鉴定人（高级，法医临床/精神病）：受理法院委托的精神病鉴定，可参与重新鉴定',
  },
  {
    username: 'ls.appraiser.shi',
    name: '史静',
    orgKey: 'ls.appraisal',
    roles: ['handler'],
    profile: { kind: 'appraiser', categories: ['forensic-clinical', 'traffic-accident'], seniority: 'intermediate' },
    tryThis: '司法鉴定人（中级，法医临床/交通事故）：交通事故伤残等级鉴定',
  },
  {
    username: 'ls.appraiser.qian',
    name: '钱坤',
    orgKey: 'ls.appraisal',
    roles: ['handler'],
    profile: { kind: 'appraiser', categories: ['audio-visual', 'electronic-data'], seniority: 'junior' },
    tryThis: '司法鉴定人（初级，声像资料/电子数据）：申请延长鉴定时限（不超过30个工作日）',
  },
  {
    username: 'wtq.correction.fan',
    name: '范志刚',
    orgKey: 'wtq.correction',
    roles: ['handler'],
    profile: { kind: 'correction-officer', familiarWithMinors: false, officerNo: 'WTQSJ-0201' },
    tryThis: '社区矫正：办理跨县（区）变更执行地的交接（接收乐至县转来的矫正对象）',
  },
  {
    username: 'wtq.correction.fang',
    name: '方芳',
    orgKey: 'wtq.judicial-office.511112100',
    roles: ['handler'],
    profile: { kind: 'correction-officer', familiarWithMinors: true, officerNo: 'WTQSJ-0202' },
    tryThis: '竹根司法所：未成年社区矫正对象的日常管理',
  },
  {
    username: 'wtq.court',
    name: '邵华',
    orgKey: 'wtq.court',
    roles: ['court'],
    tryThis: '法院：诉前委派调解，查看司法确认申请；发出社区矫正执行通知',
  },
  {
    username: 'wtq.procuratorate',
    name: '孟洁',
    orgKey: 'wtq.procuratorate',
    roles: ['procuratorate'],
    tryThis: '检察院：通知辩护，监督社区矫正',
  },
  {
    username: 'wtq.police',
    name: '任强',
    orgKey: 'wtq.police',
    roles: ['police'],
    tryThis: '公安：委托司法鉴定，警调对接移送纠纷',
  },
]);

export const DEMO_STAFF: readonly DemoStaffMember[] = [...PROVINCE_STAFF, ...LEZHI_STAFF, ...WUTONGQIAO_STAFF];

export interface DemoLogin {
  readonly username: string;
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly StaffRole[];
  readonly orgId: string;
  readonly orgName: string;
  /** 12 digits: the root of the user's region scope. */
  readonly regionCode: string;
  readonly lines: readonly BusinessLine[];
  readonly tryThis: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_STAFF.map((member) => {
  const org = demoOrganisation(member.orgKey);
  return {
    username: member.username,
    userId: member.userId,
    name: member.name,
    roles: member.roles,
    orgId: org.orgId,
    orgName: org.name,
    regionCode: padRegionCode(org.regionCode),
    lines: member.lines,
    tryThis: member.tryThis,
  };
});

/** One line per demo user, for the console at start. */
export function formatDemoLogins(logins: readonly DemoLogin[] = DEMO_LOGINS): string {
  return logins.map((login) => `${login.username.padEnd(20)} ${login.name}  [${login.roles.join(',')}]  ${login.orgName} — ${login.tryThis}`).join('\n');
}

/** The province admin sends the seed. */
export const DEMO_SEED_ACTOR: Actor = { userId: demoUserId('sc.admin'), orgId: demoOrgId('sc.justice-department'), roles: ['admin', 'supervisor'] };

export type DirectorySeedCommand =
  | { readonly aggregate: 'region'; readonly streamId: string; readonly command: RegionCommand }
  | { readonly aggregate: 'organisation'; readonly streamId: string; readonly command: OrganisationCommand }
  | { readonly aggregate: 'staff-member'; readonly streamId: string; readonly command: StaffMemberCommand };

function metadata(streamId: string, commandType: string, regionCode: string): CommandMetadata {
  return {
    commandId: deterministicId(NAMESPACE, 'command', streamId, commandType),
    now: DEMO_SEED_INSTANT,
    actor: DEMO_SEED_ACTOR,
    correlationId: deterministicId(NAMESPACE, 'seed'),
    regionCode: padRegionCode(regionCode),
  };
}

export function demoOrganisationFacts(org: DemoOrganisation): OrganisationFacts {
  return { orgId: org.orgId, kind: org.kind, lines: org.lines, regionCode: padRegionCode(org.regionCode), closed: false };
}

function profileCommand(member: DemoStaffMember, profile: DemoProfile, streamId: string, regionCode: string): StaffMemberCommand {
  const { userId } = member;
  switch (profile.kind) {
    case 'lawyer': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordLawyerProfile', data: { userId, ...data }, metadata: metadata(streamId, 'RecordLawyerProfile', regionCode) };
    }
    case 'mediator': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordMediatorProfile', data: { userId, ...data }, metadata: metadata(streamId, 'RecordMediatorProfile', regionCode) };
    }
    case 'notary': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordNotaryProfile', data: { userId, ...data }, metadata: metadata(streamId, 'RecordNotaryProfile', regionCode) };
    }
    case 'appraiser': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordAppraiserProfile', data: { userId, ...data }, metadata: metadata(streamId, 'RecordAppraiserProfile', regionCode) };
    }
    case 'correction-officer': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordCorrectionOfficerProfile', data: { userId, ...data }, metadata: metadata(streamId, 'RecordCorrectionOfficerProfile', regionCode) };
    }
    default: {
      const unknown: never = profile;
      throw new TypeError(`Unhandled profile: ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Everything to send, in an order that works: region populations, organisations (every parent
 * before its children), staff members, then their professional profiles.
 */
export function demoDirectoryCommands(): DirectorySeedCommand[] {
  const commands: DirectorySeedCommand[] = [];
  for (const figure of demoPopulations()) {
    const streamId = regionStreamId(figure.regionCode);
    commands.push({
      aggregate: 'region',
      streamId,
      command: {
        type: 'RecordRegionPopulation',
        data: { regionCode: figure.regionCode, year: figure.year, population: figure.population, source: figure.source },
        metadata: metadata(streamId, 'RecordRegionPopulation', figure.regionCode),
      },
    });
  }
  for (const org of DEMO_ORGANISATIONS) {
    const streamId = organisationStreamId(org.orgId);
    const parent = org.parentKey === undefined ? undefined : demoOrganisation(org.parentKey);
    commands.push({
      aggregate: 'organisation',
      streamId,
      command: {
        type: 'RegisterOrganisation',
        data: {
          orgId: org.orgId,
          name: org.name,
          kind: org.kind,
          regionCode: org.regionCode,
          ...(parent === undefined ? {} : { parent: demoOrganisationFacts(parent) }),
          lines: org.lines,
          ...(org.jurisdiction === undefined ? {} : { jurisdiction: org.jurisdiction }),
          ...(org.address === undefined ? {} : { address: org.address }),
          ...(org.phone === undefined ? {} : { phone: org.phone }),
        },
        metadata: metadata(streamId, 'RegisterOrganisation', org.regionCode),
      },
    });
  }
  for (const member of DEMO_STAFF) {
    const org = demoOrganisation(member.orgKey);
    const streamId = staffMemberStreamId(member.userId);
    commands.push({
      aggregate: 'staff-member',
      streamId,
      command: {
        type: 'RegisterStaffMember',
        data: {
          userId: member.userId,
          name: member.name,
          organisation: demoOrganisationFacts(org),
          roles: member.roles,
          lines: member.lines,
          phone: member.phone,
          employeeNo: member.employeeNo,
        },
        metadata: metadata(streamId, 'RegisterStaffMember', org.regionCode),
      },
    });
  }
  for (const member of DEMO_STAFF) {
    if (member.profile === undefined) continue;
    const streamId = staffMemberStreamId(member.userId);
    commands.push({ aggregate: 'staff-member', streamId, command: profileCommand(member, member.profile, streamId, demoOrganisation(member.orgKey).regionCode) });
  }
  return commands;
}
