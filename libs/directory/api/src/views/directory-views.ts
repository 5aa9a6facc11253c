import { Injectable } from '@nestjs/common';
import type { OrganisationDocument, Requester, StaffMemberDocument } from '@pls/directory-application';
import { maskPhone } from '@pls/shared-kernel';
import type { OrganisationNode } from '../graphql/organisation.types';
import type { StaffMemberNode } from '../graphql/staff.types';

/** Read-model documents as the schema shows them, with personal data masked per caller. */
@Injectable()
export class DirectoryViews {
  organisation(document: OrganisationDocument): OrganisationNode {
    return {
      id: document.orgId,
      name: document.name,
      kind: document.kind,
      regionCode: document.regionCode,
      level: document.level,
      lines: document.lines,
      jurisdiction: document.jurisdiction,
      parentOrgId: document.parentOrgId,
      address: document.address,
      phone: document.phone,
      closed: document.closed,
      closedReason: document.closedReason,
      registeredAt: document.registeredAt,
      updatedAt: document.updatedAt,
    };
  }

  /**
   * PIPL: every phone but the viewer's own is masked. Reading a colleague's number is a deliberate,
   * reasoned and audited act (`unmaskedStaffPhone`), never a side effect of listing staff.
   */
  staffMembers(documents: readonly StaffMemberDocument[], viewer: Requester): StaffMemberNode[] {
    return documents.map((document) => this.staffMember(document, document.userId === viewer.userId));
  }

  private staffMember(document: StaffMemberDocument, phoneReadable: boolean): StaffMemberNode {
    const lawyer = document.lawyer;
    return {
      id: document.userId,
      username: document.username,
      name: document.name,
      orgId: document.orgId,
      regionCode: document.regionCode,
      roles: document.roles,
      lines: document.lines,
      phone: phoneReadable ? document.phone : maskPhone(document.phone),
      phoneMasked: !phoneReadable,
      employeeNo: document.employeeNo,
      active: document.active,
      deactivationReason: document.deactivationReason,
      profiles: document.profileKinds,
      lawyerProfile: lawyer && { ...lawyer },
      mediatorProfile: document.mediator && { ...document.mediator },
      notaryProfile: document.notary && { ...document.notary },
      appraiserProfile: document.appraiser && { ...document.appraiser },
      correctionOfficerProfile: document.correctionOfficer && { ...document.correctionOfficer },
    };
  }
}
