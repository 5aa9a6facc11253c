import type { DomainEvent } from '@pls/event-sourcing';

/** A later event for the same year corrects an earlier one (events are never edited). */
export type RegionPopulationRecorded = DomainEvent<
  'RegionPopulationRecorded',
  { readonly regionCode: string; readonly year: number; readonly population: number; readonly source: string }
>;

export type RegionEvent = RegionPopulationRecorded;
