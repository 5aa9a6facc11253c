import type { RegionCatalog } from '@pls/shared-kernel';

export interface DirectoryOptions {
  /** Load the 四川省 demo directory when the event store holds no directory events yet. */
  readonly seedDemo: boolean;
  /** Provinces whose townships and villages the region catalog loads ('51', '510000', …). */
  readonly provinces: readonly string[];
}

export const DIRECTORY_OPTIONS = Symbol.for('pls.directory.Options');

/** The directory's `RegionCatalog`, configured with `DirectoryOptions.provinces`. */
export const DIRECTORY_REGION_CATALOG = Symbol.for('pls.directory.RegionCatalog');
export type DirectoryRegionCatalog = RegionCatalog;
