import { Forbidden, hasRole, isWithin, type Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';

/** Agency work (受理、审查、指派…) is done by the agency's own legal aid handlers only. */
export function assertActsForAgency(caller: Caller, application: LegalAidApplicationDocument): void {
  if (!hasRole(caller, 'handler') || !caller.lines.includes('legal-aid')) throw new Forbidden('ROLE_NOT_ALLOWED', 'this step is for legal aid handlers');
  if (caller.orgId !== application.agencyOrgId) throw new Forbidden('APPLICATION_OUTSIDE_AGENCY', `application ${application.applicationNo} belongs to another agency`);
}

/**
 * Who may read an application (DOMAIN.md §9): the agency's staff; supervisors and admins in whose
 * subtree the agency lies; legal aid handlers of the region subtree; a notifying organ its own notices.
 */
export function maySeeApplication(caller: Caller, application: LegalAidApplicationDocument): boolean {
  if (caller.orgId === application.agencyOrgId) return true;
  if (application.source.notifyingOrgId !== null && caller.orgId === application.source.notifyingOrgId) return true;
  // Art. 39: the detention place or duty lawyer that forwarded the application follows it.
  if (application.source.forwarderOrgId !== null && caller.orgId === application.source.forwarderOrgId) return true;
  if (application.source.forwardedByUserId !== null && caller.userId === application.source.forwardedByUserId) return true;
  if (!isWithin(application.regionCode, caller.regionCode)) return false;
  if (hasRole(caller, 'supervisor', 'admin')) return true;
  return hasRole(caller, 'handler') && caller.lines.includes('legal-aid');
}

export function assertMaySeeApplication(caller: Caller, application: LegalAidApplicationDocument): void {
  if (!maySeeApplication(caller, application)) throw new Forbidden('APPLICATION_OUTSIDE_SCOPE', `application ${application.applicationNo} is outside your organisation or region`);
}

/** 法律援助法 Art. 49 (verify): the justice bureau over the agency decides objections. */
export function assertSupervisesAgency(caller: Caller, application: LegalAidApplicationDocument): void {
  if (!hasRole(caller, 'supervisor')) throw new Forbidden('ROLE_NOT_ALLOWED', 'objections are decided by the justice bureau (supervisor)');
  if (!isWithin(application.regionCode, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `application ${application.applicationNo} lies outside your region scope`);
}

/** Legal aid handlers, supervisors and admins: who reads the agency-side views. */
export function isLegalAidStaff(caller: Caller): boolean {
  return (hasRole(caller, 'handler') && caller.lines.includes('legal-aid')) || hasRole(caller, 'supervisor', 'admin');
}
