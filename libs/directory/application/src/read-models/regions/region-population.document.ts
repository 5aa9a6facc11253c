import type { ReadDocument } from '@pls/event-sourcing';
import type { RegionLevel } from '@pls/shared-kernel';

export interface PopulationFigureDocument {
  readonly year: number;
  readonly population: number;
  readonly source: string;
  readonly recordedAt: string;
}

/**
 * `directory.regions`: one document per region that has a recorded population, `_id` = the
 * 12-digit code. Names and hierarchy come from the region catalog, not from events.
 */
export interface RegionPopulationDocument extends ReadDocument {
  readonly regionCode: string;
  readonly level: RegionLevel;
  readonly regionPath: readonly string[];
  /** One figure per year (a later record for a year corrects it), by year. */
  readonly figures: readonly PopulationFigureDocument[];
  readonly latestYear: number;
}

/** The figure for `year`, or else the latest one before it (a census year carries forward). */
export function populationFigureFor(document: RegionPopulationDocument | null, year: number): PopulationFigureDocument | null {
  if (document === null) return null;
  let found: PopulationFigureDocument | null = null;
  for (const figure of document.figures) if (figure.year <= year) found = figure;
  return found;
}
