import { DirectoryTestKit } from '../../testing/directory-test-kit';
import { refusalOf } from '../../testing/refusals';

describe('regions with their populations', () => {
  let kit: DirectoryTestKit;
  beforeAll(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('乐至县 lists its 21 townships, 天池街道 first, and its 315 villages one level further down', () => {
    const townships = kit.regions.list('512022', null);
    expect(townships).toHaveLength(21);
    expect(townships[0]).toMatchObject({ code: '512022001000', shortCode: '512022001', name: '天池街道', level: 'township' });
    expect(kit.regions.list('512022', 'village')).toHaveLength(315);
  });

  it('without a parent the list starts at the provinces', () => {
    expect(kit.regions.list(null, null).map((region) => region.name)).toContain('四川省');
    expect(kit.regions.list(null, 'city').length).toBeGreaterThan(300);
  });

  it('the counties of a province without township data are listed, cities without counties (东莞) simply having none', () => {
    const counties = kit.regions.list('440000', 'county');
    expect(counties.length).toBeGreaterThan(100);
    expect(counties.every((region) => region.level === 'county')).toBe(true);
  });

  it.each([
    ['a level above the parent', '512022', 'city', 'REGION_LEVEL_NOT_BELOW_PARENT'],
    ['villages below a village', '512022101200', 'village', 'REGION_LEVEL_NOT_BELOW_PARENT'],
    ['every county of the country at once', null, 'county', 'REGION_LIST_TOO_LARGE'],
    ['the villages of a province the catalog was not configured for', '530102', 'village', 'REGION_DETAIL_NOT_LOADED'],
  ] as const)('asking for %s is refused', async (_, parent, level, code) => {
    expect((await refusalOf(async () => kit.regions.list(parent, level))).code).toBe(code);
  });

  it('a village has no regions below it', () => {
    expect(kit.regions.list('512022101200', null)).toEqual([]);
  });

  it('a region\'s path runs from the province down to itself', () => {
    expect(kit.regions.path('512022101200').map((region) => region.name)).toEqual(['四川省', '资阳市', '乐至县', '石佛镇', '庆云庵村村民委员会']);
  });

  it('the population without a year is the latest recorded one, with its source', async () => {
    expect(await kit.regions.population('512022', null)).toMatchObject({ year: 2020, population: 490_573, source: '乐至县第七次全国人口普查主要数据公报 (2020)' });
    expect(await kit.regions.populations('530000')).toEqual([]);
  });
});
