import { Forbidden, hasRole, isWithin, type Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';

/**
 * Who may see a matter (DOMAIN.md §9): staff of the receiving or handling organisation, and anyone
 * whose region subtree holds the receiving or handling region; back-office handlers only for their
 * own lines; integrators never see front-desk matters through these views.
 */
export function maySeeMatter(caller: Caller, matter: MatterDocument): boolean {
  if (caller.orgId === matter.receivingOrgId || caller.orgId === matter.handlingOrgId) return true;
  if (!hasRole(caller, 'clerk', 'handler', 'supervisor', 'admin')) return false;
  const inRegion = isWithin(matter.receivingRegionCode, caller.regionCode) || (matter.handlingRegionCode !== null && isWithin(matter.handlingRegionCode, caller.regionCode));
  if (!inRegion) return false;
  if (hasRole(caller, 'clerk', 'supervisor', 'admin')) return true;
  return matter.line !== null && caller.lines.includes(matter.line as Caller['lines'][number]);
}

export function assertMaySeeMatter(caller: Caller, matter: MatterDocument): void {
  if (!maySeeMatter(caller, matter)) throw new Forbidden('MATTER_OUTSIDE_SCOPE', `matter ${matter.caseCode} is outside your organisation, region or lines`);
}
