import { type Decider, unreachable } from '@pls/event-sourcing';
import { DomainRuleViolation, padRegionCode } from '@pls/shared-kernel';
import { requireText } from './directory.types';
import type { RegionCommand } from './region.commands';
import type { RegionEvent } from './region.events';
import { POPULATION_YEAR_RANGE, populationIsPositiveWholeNumber, populationYearIsInRange } from './region.rules';

export interface PopulationFigure {
  readonly population: number;
  readonly source: string;
}

export type RegionState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'recorded';
      /** 12 digits. */
      readonly regionCode: string;
      /** The latest figure recorded for each year. */
      readonly populationByYear: Readonly<Record<number, PopulationFigure>>;
    };

/** The figure for `year`, or else the latest earlier one (a census year carries forward), or null. */
export function populationFor(state: RegionState, year: number): (PopulationFigure & { readonly year: number }) | null {
  if (state.status === 'unrecorded') return null;
  const years = Object.keys(state.populationByYear)
    .map(Number)
    .filter((recorded) => recorded <= year);
  if (years.length === 0) return null;
  const latest = Math.max(...years);
  return { year: latest, ...state.populationByYear[latest] };
}

export const regionDecider: Decider<RegionCommand, RegionEvent, RegionState> = {
  initialState: { status: 'unrecorded' },
  decide(command, state) {
    switch (command.type) {
      case 'RecordRegionPopulation': {
        const { data } = command;
        const regionCode = padRegionCode(data.regionCode);
        if (state.status === 'recorded' && state.regionCode !== regionCode) {
          throw new DomainRuleViolation('REGION_STREAM_MISMATCH', `the command is for ${regionCode} but the stream holds ${state.regionCode}`, {
            regionCode,
            streamRegionCode: state.regionCode,
          });
        }
        if (!populationYearIsInRange(data.year)) {
          throw new DomainRuleViolation(
            'POPULATION_YEAR_OUT_OF_RANGE',
            `a population year is a whole year from ${POPULATION_YEAR_RANGE.from} to ${POPULATION_YEAR_RANGE.to}, got ${JSON.stringify(data.year)}`,
            { year: data.year },
          );
        }
        if (!populationIsPositiveWholeNumber(data.population)) {
          throw new DomainRuleViolation('POPULATION_NOT_POSITIVE', `a population is a positive whole number, got ${JSON.stringify(data.population)}`, {
            population: data.population,
          });
        }
        const source = requireText(data.source, 'POPULATION_SOURCE_REQUIRED', 'the source of a population figure');
        const current = state.status === 'recorded' ? state.populationByYear[data.year] : undefined;
        if (current !== undefined && current.population === data.population && current.source === source) return [];
        return [{ type: 'RegionPopulationRecorded', data: { regionCode, year: data.year, population: data.population, source } }];
      }
      default:
        return unreachable(command.type, 'command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'RegionPopulationRecorded': {
        const populationByYear = state.status === 'recorded' ? state.populationByYear : {};
        return {
          status: 'recorded',
          regionCode: event.data.regionCode,
          populationByYear: { ...populationByYear, [event.data.year]: { population: event.data.population, source: event.data.source } },
        };
      }
      default:
        return unreachable(event.type, 'event');
    }
  },
};
