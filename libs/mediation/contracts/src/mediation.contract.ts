/**
 * The mediation service's published language. Every event of `mediation.case-<id>` streams is
 * published on `pls.mediation`, keyed by stream id. Front-desk cases carry a `frontDeskReply`
 * section (see `@pls/intake-contracts`); `mediation.AppraisalRequested` is the request the
 * appraisal line will take up once it exists (until then the opinion is recorded by hand).
 */
export const MEDIATION_TOPIC = 'pls.mediation';

export const MEDIATION_PUBLISHED_EVENTS = {
  MediationOpened: 'mediation.MediationOpened',
  AppraisalRequested: 'mediation.AppraisalRequested',
  AppraisalOpinionRecorded: 'mediation.AppraisalOpinionRecorded',
  AgreementTookEffect: 'mediation.AgreementTookEffect',
  MediationFailed: 'mediation.MediationFailed',
  JudicialConfirmationApplied: 'mediation.JudicialConfirmationApplied',
  JudicialConfirmationRuled: 'mediation.JudicialConfirmationRuled',
} as const;

/** `mediation.AppraisalRequested` as an appraisal service may rely on it (schema version 1). */
export interface AppraisalRequestContract {
  /** Unique per request: `<caseId>.appraisal-<n>`; the opinion answers it. */
  readonly requestId: string;
  /** What is to be appraised (伤残等级, 误工期…). */
  readonly subject: string;
  readonly note: string | null;
  /** The dispute category (traffic, personal-injury, medical…): what kind of appraiser fits. */
  readonly category: string;
  /** The commissioning committee (委托人). */
  readonly committeeOrgId: string;
  readonly requestedAt: string;
}

/** `mediation.JudicialConfirmationApplied` as a court may rely on it. */
export interface JudicialConfirmationAppliedContract {
  readonly courtOrgId: string;
  readonly applicantPartyIds: readonly string[];
  readonly appliedAt: string;
}
