import type { StaffRole } from '@pls/directory-domain';
import { Forbidden, isWithin } from '@pls/shared-kernel';
import type { Requester } from './requester';

/**
 * Who may change and see what in the directory (DOMAIN §§2, 9).
 *
 * - Organisations and region populations are reference data for the whole platform: only an
 *   admin changes them; every signed-in caller reads them (a village clerk must see the county
 *   agency to route a matter to it).
 * - Staff: an admin manages anyone. A supervisor (督办/管理, at a justice bureau) manages the
 *   front-desk and back-office staff of organisations in their own region subtree: members who
 *   hold, and are given, only the clerk and handler roles. Granting or touching admin, supervisor
 *   or integrator roles stays with admins, so a supervisor cannot raise anyone's, or their own,
 *   privileges, nor manage the users of courts, procuratorates, police or prisons.
 * - Staff lists: an admin sees every region; everyone else sees the staff of their own region
 *   subtree only. Business lines scope case data, not this directory of colleagues, so they do
 *   not narrow it.
 * - Staff phone numbers (PIPL): lists show only the member's own unmasked. An admin or a supervisor
 *   over the member's region may unmask another's, with a reason and an audit record
 *   (`UnmaskStaffPhone`).
 */

/** The roles a supervisor may hold over and hand out. */
export const ROLES_A_SUPERVISOR_MANAGES: readonly StaffRole[] = ['clerk', 'handler'];

export function isAdmin(requester: Requester): boolean {
  return requester.roles.includes('admin');
}

function isSupervisorOver(requester: Requester, regionCode: string): boolean {
  return requester.roles.includes('supervisor') && isWithin(regionCode, requester.regionCode);
}

export function assertMayManageReferenceData(requester: Requester, what: string): void {
  if (!isAdmin(requester)) throw new Forbidden('ADMIN_ONLY', `only an admin may change ${what}`);
}

export interface StaffChange {
  /** The regions of every organisation the change touches (the member's, and the target of a move). */
  readonly regionCodes: readonly string[];
  /** The member's roles before and after the change. */
  readonly roles: readonly StaffRole[];
}

export function assertMayManageStaff(requester: Requester, change: StaffChange): void {
  if (isAdmin(requester)) return;
  if (!requester.roles.includes('supervisor')) throw new Forbidden('STAFF_MANAGEMENT_NOT_ALLOWED', 'only an admin or a supervisor may manage staff');
  const outside = change.regionCodes.find((regionCode) => !isWithin(regionCode, requester.regionCode));
  if (outside !== undefined) {
    throw new Forbidden('OUTSIDE_REGION_SCOPE', `the organisation's region ${outside} lies outside your region scope`, { regionCode: outside });
  }
  const reserved = change.roles.filter((role) => !ROLES_A_SUPERVISOR_MANAGES.includes(role));
  if (reserved.length > 0) {
    throw new Forbidden('ROLE_MANAGEMENT_NEEDS_ADMIN', `only an admin manages members holding or given the ${[...new Set(reserved)].join(', ')} role`, {
      roles: [...new Set(reserved)],
    });
  }
}

/**
 * The root of the region subtree a staff query may cover: null for everything (admins without a
 * requested region). A non-admin asking for a region outside their own subtree is refused rather
 * than silently given an empty or narrowed list.
 */
export function staffQueryScope(requester: Requester, requestedRegionCode: string | null): string | null {
  if (isAdmin(requester)) return requestedRegionCode;
  if (requestedRegionCode === null) return requester.regionCode;
  if (!isWithin(requestedRegionCode, requester.regionCode)) {
    throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${requestedRegionCode} lies outside your region scope`, { regionCode: requestedRegionCode });
  }
  return requestedRegionCode;
}

export function maySeeStaffMember(requester: Requester, member: { readonly userId: string; readonly regionCode: string }): boolean {
  return isAdmin(requester) || requester.userId === member.userId || isWithin(member.regionCode, requester.regionCode);
}

export function assertMaySeeStaffMember(requester: Requester, member: { readonly userId: string; readonly regionCode: string }): void {
  if (!maySeeStaffMember(requester, member)) throw new Forbidden('OUTSIDE_REGION_SCOPE', 'this staff member lies outside your region scope');
}

export function mayReadStaffPhone(requester: Requester, member: { readonly userId: string; readonly regionCode: string }): boolean {
  return isAdmin(requester) || requester.userId === member.userId || isSupervisorOver(requester, member.regionCode);
}
