import { DeciderSpecification } from '@pls/event-sourcing/testing';
import type { RecordRegionPopulation } from './region.commands';
import { populationFor, regionDecider } from './region.decider';
import type { RegionPopulationRecorded } from './region.events';
import { perTenThousandResidents } from './region.rules';

const spec = DeciderSpecification(regionDecider);
const actor = { userId: 'admin-1', orgId: 'sc-justice', roles: ['admin'] };
let sequence = 0;

function record(data: Partial<RecordRegionPopulation['data']> = {}): RecordRegionPopulation {
  return {
    type: 'RecordRegionPopulation',
    data: { regionCode: '512022', year: 2020, population: 490_573, source: '乐至县第七次全国人口普查主要数据公报', ...data },
    metadata: { commandId: `cmd-${++sequence}`, now: '2026-03-02T01:00:00.000Z', actor },
  };
}

const recorded2020: RegionPopulationRecorded = {
  type: 'RegionPopulationRecorded',
  data: { regionCode: '512022000000', year: 2020, population: 490_573, source: '乐至县第七次全国人口普查主要数据公报' },
};

describe('Region reference data', () => {
  it('given nothing, when a census population is recorded, then it is recorded under the 12-digit code', () => {
    spec.given([]).when(record()).then([recorded2020]);
  });

  it('given the same figure is recorded, when it is sent again, then nothing happens', () => {
    spec.given([recorded2020]).when(record()).thenNothingHappens();
  });

  it('given a figure for 2020, when a corrected figure for 2020 is recorded, then a new event supersedes it', () => {
    spec
      .given([recorded2020])
      .when(record({ population: 490_600, source: 'corrected' }))
      .then((events, state) => {
        expect(events).toHaveLength(1);
        expect(populationFor(state, 2020)).toEqual({ year: 2020, population: 490_600, source: 'corrected' });
      });
  });

  it('given figures for 2020 only, then 2023 uses the 2020 figure and 2019 has none', () => {
    let state = regionDecider.initialState;
    state = regionDecider.evolve(state, recorded2020);
    expect(populationFor(state, 2023)).toMatchObject({ year: 2020, population: 490_573 });
    expect(populationFor(state, 2019)).toBeNull();
    expect(populationFor(regionDecider.initialState, 2020)).toBeNull();
  });

  it.each([
    ['1999', 1999],
    ['2101', 2101],
    ['a fractional year', 2020.5],
  ])('given nothing, when the year is %s, then it is refused', (_, year) => {
    spec.given([]).when(record({ year })).thenRefuses('POPULATION_YEAR_OUT_OF_RANGE');
  });

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
  ])('given nothing, when the population is %s, then it is refused', (_, population) => {
    spec.given([]).when(record({ population })).thenRefuses('POPULATION_NOT_POSITIVE');
  });

  it('given nothing, when the source is blank, then it is refused', () => {
    spec.given([]).when(record({ source: ' ' })).thenRefuses('POPULATION_SOURCE_REQUIRED');
  });

  it('given the stream of 乐至县, when a figure for 五通桥区 arrives, then it is refused', () => {
    spec.given([recorded2020]).when(record({ regionCode: '511112' })).thenRefuses('REGION_STREAM_MISMATCH');
  });

  it('given nothing, when the region code is malformed, then it is refused', () => {
    spec.given([]).when(record({ regionCode: '5120' + '2' })).thenRefuses('REGION_CODE_MALFORMED');
  });

  it('given a population, then cases per 10,000 residents are rounded to two decimals', () => {
    expect(perTenThousandResidents(59, 260_000)).toBe(2.27);
    expect(() => perTenThousandResidents(1, 0)).toThrow(RangeError);
  });
});
