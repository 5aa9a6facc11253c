/** Population figures the indicators may use: the platform's era, not history or projections far ahead. */
export const POPULATION_YEAR_RANGE = { from: 2000, to: 2100 } as const;

export function populationYearIsInRange(year: number): boolean {
  return Number.isInteger(year) && year >= POPULATION_YEAR_RANGE.from && year <= POPULATION_YEAR_RANGE.to;
}

/** A resident population is a count of people: a positive whole number. */
export function populationIsPositiveWholeNumber(population: number): boolean {
  return Number.isSafeInteger(population) && population > 0;
}

/**
 * DOMAIN §8: legal aid cases (and other indicators) per 10,000 residents, e.g. Wutongqiao 2020:
 * 2.28. Rounded to two decimals as the plans report it.
 */
export function perTenThousandResidents(count: number, population: number): number {
  if (!populationIsPositiveWholeNumber(population)) throw new RangeError(`population must be a positive whole number, got ${population}`);
  return Math.round((count * 10_000 * 100) / population) / 100;
}
