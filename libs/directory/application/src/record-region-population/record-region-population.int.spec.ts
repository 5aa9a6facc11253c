import { demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

describe('recording a region\'s population', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('a later year is added and the lookup answers with the latest year not after the one asked', async () => {
    await kit.recordRegionPopulation.execute({ regionCode: '511112', year: 2024, population: 252_000, source: '乐山统计年鉴2025' }, kit.context(demoRequester('sc.admin')));
    await kit.project();
    expect(await kit.lookup.population('511112', 2023)).toBe(260_000);
    expect(await kit.lookup.population('511112000000', 2025)).toBe(252_000);
  });

  it.each([
    ['a region the data does not have', { regionCode: '511199' }, 'NOT_FOUND', 'REGION_NOT_FOUND'],
    ['a year outside the platform\'s era', { year: 1990 }, 'RULE_VIOLATION', 'POPULATION_YEAR_OUT_OF_RANGE'],
    ['a population of zero', { population: 0 }, 'RULE_VIOLATION', 'POPULATION_NOT_POSITIVE'],
  ] as const)('%s is refused with its code and appends nothing', async (_, change, category, code) => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() =>
      kit.recordRegionPopulation.execute({ regionCode: '511112', year: 2024, population: 252_000, source: '统计年鉴', ...change }, kit.context(demoRequester('sc.admin'))),
    );
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category, code });
    expect(await kit.eventCount()).toBe(before);
  });

  it('a supervisor may not record populations', async () => {
    const refusal = await refusalOf(() => kit.recordRegionPopulation.execute({ regionCode: '512022', year: 2024, population: 1, source: 'x' }, kit.context(demoRequester('zy.supervisor'))));
    expect(refusal.code).toBe('ADMIN_ONLY');
  });
});
