import { Forbidden } from './errors';
import { isWithin } from './regions';

export const ROLES = ['clerk', 'handler', 'supervisor', 'admin', 'court', 'procuratorate', 'police', 'prison', 'petitions'] as const;
export type Role = (typeof ROLES)[number];
export const INTEGRATOR_ROLES: readonly Role[] = ['court', 'procuratorate', 'police', 'prison', 'petitions'];

export const BUSINESS_LINES = ['legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction'] as const;
export type BusinessLineClaim = (typeof BUSINESS_LINES)[number];

/** Who is asking, as the verified token says. Every authorisation decision reads only this. */
export interface Caller {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly roles: readonly Role[];
  /** The root of the region subtree the caller may see (12-digit padded code). */
  readonly regionCode: string;
  readonly lines: readonly BusinessLineClaim[];
}

export function hasRole(caller: Caller, ...roles: readonly Role[]): boolean {
  return roles.some((role) => caller.roles.includes(role));
}

/** A caller sees a region's rows only inside their own subtree (DOMAIN.md §9, access). */
export function canSeeRegion(caller: Caller, regionCode: string): boolean {
  return isWithin(regionCode, caller.regionCode);
}

export function assertCanSeeRegion(caller: Caller, regionCode: string, what = 'this record'): void {
  if (!canSeeRegion(caller, regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `${what} lies outside your region scope`);
}

export function assertRole(caller: Caller, roles: readonly Role[], operation: string): void {
  if (!hasRole(caller, ...roles)) {
    throw new Forbidden('ROLE_NOT_ALLOWED', `${operation} needs one of the roles ${roles.join(', ')}; you have ${caller.roles.join(', ') || 'none'}`);
  }
}
