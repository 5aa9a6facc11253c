// The caller model lives in the shared kernel so that application layers can use it too.
export { ROLES, INTEGRATOR_ROLES, BUSINESS_LINES, hasRole, canSeeRegion, assertCanSeeRegion, assertRole } from '@pls/shared-kernel';
export type { Role, BusinessLineClaim, Caller } from '@pls/shared-kernel';
