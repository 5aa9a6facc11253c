/**
 * The legal aid service's published language. Every event of `legal-aid.application-<id>` streams
 * is published on `pls.legal-aid`, keyed by stream id. Front-desk applications carry a
 * `frontDeskReply` section (see `@pls/intake-contracts`); notified defences carry the notifying
 * organ in `legal-aid.LawyerAssigned`, which is how the organ learns of the assignment (Art. 36).
 */
export const LEGAL_AID_TOPIC = 'pls.legal-aid';

export const LEGAL_AID_EVENT_TYPES = {
  ApplicationReceived: 'legal-aid.ApplicationReceived',
  AidGranted: 'legal-aid.AidGranted',
  AidDenied: 'legal-aid.AidDenied',
  LawyerAssigned: 'legal-aid.LawyerAssigned',
  MatterEnded: 'legal-aid.MatterEnded',
  ClosureReviewed: 'legal-aid.ClosureReviewed',
} as const;

/** `legal-aid.LawyerAssigned` as a notifying organ may rely on it (schema version 1). */
export interface LawyerAssignedContract {
  readonly lawyer: { readonly lawyerId: string; readonly firmOrgId: string };
  readonly assignedAt: string;
  readonly onTime: boolean;
  readonly notifyingOrgan: { readonly orgId: string; readonly kind: 'court' | 'procuratorate' | 'police' } | null;
}
