import { Forbidden, hasRole, isWithin, type Caller } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';

/** 人民调解法 Art. 8/17–19: the committee's own mediators do the committee's work. */
export function assertActsForCommittee(caller: Caller, mediation: MediationCaseDocument): void {
  if (!hasRole(caller, 'handler') || !caller.lines.includes('mediation')) throw new Forbidden('ROLE_NOT_ALLOWED', 'this step is for people\'s mediators');
  if (caller.orgId !== mediation.committeeOrgId) throw new Forbidden('MEDIATION_OUTSIDE_COMMITTEE', `mediation ${mediation.caseNo} belongs to another committee`);
}

/** The court the parties applied to, and only it, records acceptance and ruling (民事诉讼法 Art. 205–206). */
export function assertIsConfirmingCourt(caller: Caller, mediation: MediationCaseDocument): void {
  if (!hasRole(caller, 'court')) throw new Forbidden('ROLE_NOT_ALLOWED', 'judicial confirmation is recorded by the court');
  if (!mediation.confirmation || mediation.confirmation.courtOrgId !== caller.orgId) throw new Forbidden('CONFIRMATION_OUTSIDE_COURT', `mediation ${mediation.caseNo} was not brought to your court`);
}

/**
 * Who may read a case (DOMAIN.md §9): the committee; supervisors and admins whose subtree holds it;
 * mediators of the subtree; the organ that referred it; the court it was brought to.
 */
export function maySeeMediation(caller: Caller, mediation: MediationCaseDocument): boolean {
  if (caller.orgId === mediation.committeeOrgId) return true;
  if (mediation.source.referringOrgId !== null && caller.orgId === mediation.source.referringOrgId) return true;
  if (mediation.confirmation !== null && caller.orgId === mediation.confirmation.courtOrgId) return true;
  if (!isWithin(mediation.regionCode, caller.regionCode)) return false;
  if (hasRole(caller, 'supervisor', 'admin')) return true;
  return hasRole(caller, 'handler') && caller.lines.includes('mediation');
}

export function assertMaySeeMediation(caller: Caller, mediation: MediationCaseDocument): void {
  if (!maySeeMediation(caller, mediation)) throw new Forbidden('MEDIATION_OUTSIDE_SCOPE', `mediation ${mediation.caseNo} is outside your organisation or region`);
}
