import { Inject, Injectable } from '@nestjs/common';
import {
  mayReadStaffPhone,
  type OrganisationDocument,
  type Requester,
  type StaffMemberDocument,
} from '@pls/directory-application';
import { LOGGER, type Logger } from '@pls/event-sourcing';
import { maskPhone } from '@pls/shared-kernel';
import type { OrganisationNode } from '../graphql/organisation.types';
import type { StaffMemberNode } from '../graphql/staff.types';

/** Read-model documents as the schema shows them, with personal data masked per caller. */
@Injectable()
export class DirectoryViews {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

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
   * PIPL: phones are masked unless the viewer's role needs them (`mayReadStaffPhone`), and every
   * unmasked read of someone else's number is logged for audit, one entry per answer.
   */
  staffMembers(documents: readonly StaffMemberDocument[], viewer: Requester): StaffMemberNode[] {
    const unmasked: string[] = [];
    const nodes = documents.map((document) => {
      const readable = mayReadStaffPhone(viewer, document);
      if (readable && document.userId !== viewer.userId) unmasked.push(document.userId);
      return this.staffMember(document, readable);
    });
    if (unmasked.length > 0) this.logger.info('audit: personal data read unmasked', { readerId: viewer.userId, readerOrgId: viewer.orgId, field: 'staff.phone', subjects: unmasked });
    return nodes;
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
