import { Injectable } from '@nestjs/common';
import type { BusinessLine, StaffRole } from '@pls/directory-domain';
import { Forbidden, isUuid, NotFound } from '@pls/shared-kernel';
import { DirectoryReadModel } from '../read-models/directory-read-model';

/** What a demo token claims about its user; the gateway signs it. */
export interface SignInClaims {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly roles: readonly StaffRole[];
  /** The organisation's region, 12 digits: the root of the user's region scope. */
  readonly regionCode: string;
  readonly lines: readonly BusinessLine[];
}

/**
 * Embedded mode's stand-in for an identity provider: the claims come from the directory as it is
 * now, so a role change shows in the next token. Demo users are found by their seed username;
 * members registered later, who have none, by their user id.
 */
@Injectable()
export class DemoSignIn {
  constructor(private readonly readModel: DirectoryReadModel) {}

  async claimsFor(usernameOrUserId: string): Promise<SignInClaims> {
    const member = isUuid(usernameOrUserId) ? await this.readModel.staffMember(usernameOrUserId) : await this.readModel.staffMemberByUsername(usernameOrUserId);
    if (member === null) throw new NotFound('DEMO_USER_NOT_FOUND', `no staff member with username or id ${JSON.stringify(usernameOrUserId)}`);
    if (!member.active) throw new Forbidden('STAFF_MEMBER_DEACTIVATED', `${member.name} is deactivated and cannot sign in`);
    return { userId: member.userId, name: member.name, orgId: member.orgId, roles: member.roles, regionCode: member.regionCode, lines: member.lines };
  }
}
