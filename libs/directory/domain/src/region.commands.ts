import type { Command } from '@pls/event-sourcing';

/** Stream `directory.region-<12-digit code>`. */
export type RecordRegionPopulation = Command<
  'RecordRegionPopulation',
  {
    /** Any length `padRegionCode` accepts; stored as 12 digits. */
    readonly regionCode: string;
    readonly year: number;
    /** 常住人口 (resident population). */
    readonly population: number;
    /** Where the figure comes from: a census bulletin, a statistical yearbook, or 'demo estimate'. */
    readonly source: string;
  }
>;

export type RegionCommand = RecordRegionPopulation;
