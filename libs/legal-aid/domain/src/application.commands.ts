import type { Command } from '@pls/event-sourcing';
import type {
  Art32Ground,
  Art42Ground,
  CaseCategory,
  ClosureQuality,
  ForwarderKind,
  GreenChannelGround,
  LawyerProfile,
  MaterialItem,
  MeansCheckMethod,
  MeansCheckResult,
  NotificationReason,
  NotifyingOrgan,
  OtherOpenMatter,
  TerminationGround,
  UrgentAidGround,
} from './application.types';

/**
 * Commands of the LegalAidApplication aggregate (stream `legal-aid.application-<applicationId>`).
 * Time, actor and command id come in `metadata`; the decider validates and normalises the data.
 */

export type SourceInput =
  | { readonly kind: 'front-desk'; readonly frontDesk: { readonly matterId: string; readonly caseCode: string } }
  | { readonly kind: 'direct' }
  | {
      readonly kind: 'forwarded';
      readonly forwarder: { readonly orgId: string; readonly kind: ForwarderKind };
      /** When the detained person asked the forwarder; the 24 hours of Art. 39 run from here. */
      readonly requestedAt: string;
      readonly forwardedAt: string;
    }
  | { readonly kind: 'notified-defence'; readonly notifyingOrgan: NotifyingOrgan; readonly reason: NotificationReason };

export type HardshipExemptionInput =
  | { readonly article: 42; readonly grounds: readonly Art42Ground[] }
  | { readonly article: 32; readonly grounds: readonly Art32Ground[] };

/** 受理. */
export type ReceiveApplication = Command<
  'ReceiveApplication',
  {
    readonly applicationId: string;
    /** The agency's number for the application (申请编号), the front desk's back-office case number. */
    readonly applicationNo: string;
    readonly agencyOrgId: string;
    readonly agencyRegionCode: string;
    readonly source: SourceInput;
    readonly applicant: { readonly name: string; readonly idNumber: string; readonly phone?: string | null };
    readonly category: CaseCategory;
    readonly adverseParty: { readonly name: string; readonly representedBy?: { readonly lawyerId?: string | null; readonly firmId?: string | null } | null } | null;
    /** Not asked for notified defence (the organ's notice is the ground). */
    readonly means?: { readonly declaredHardship: boolean; readonly exemption?: HardshipExemptionInput | null } | null;
    readonly greenChannel?: readonly GreenChannelGround[];
    /** 罪名 as the notifying organ or applicant states it; criminal cases. */
    readonly charge?: string | null;
  }
>;

/** 经济困难状况核查. */
export type RecordMeansCheck = Command<'RecordMeansCheck', { readonly method: MeansCheckMethod; readonly result: MeansCheckResult }>;

/** 一次性告知: one notice listing every missing item. */
export type RequestMaterials = Command<'RequestMaterials', { readonly items: readonly string[]; readonly dueAt: string }>;

/** 容缺受理: accept with non-essential materials outstanding; `regionAllows` is the region's setting as the application read it. */
export type AcceptWithMaterialsOutstanding = Command<'AcceptWithMaterialsOutstanding', { readonly items: readonly MaterialItem[]; readonly dueAt: string; readonly regionAllows: boolean }>;

export type SupplyOutstandingMaterials = Command<'SupplyOutstandingMaterials', { readonly note?: string | null }>;

export type SupplyMaterials = Command<'SupplyMaterials', { readonly note?: string | null }>;

/** 视为撤回: the materials deadline passed unanswered. */
export type TreatAsWithdrawn = Command<'TreatAsWithdrawn', Record<string, never>>;

export type GrantAid = Command<'GrantAid', Record<string, never>>;

export type DenyAid = Command<'DenyAid', { readonly reasons: readonly string[] }>;

/** Art. 44 (verify): `limitationExpiresAt` is required for 'limitation-expiring'. */
export type GrantUrgentAid = Command<'GrantUrgentAid', { readonly ground: UrgentAidGround; readonly limitationExpiresAt?: string | null; readonly note: string }>;

export type AssignLawyer = Command<
  'AssignLawyer',
  {
    readonly lawyer: LawyerProfile;
    /** Open matters of this lawyer or firm where they act for a party named like this application's adverse party. */
    readonly otherOpenMatters: readonly OtherOpenMatter[];
  }
>;

export type DeclineAssignment = Command<'DeclineAssignment', { readonly lawyerId: string; readonly reason: string }>;

export type SignEntrustment = Command<'SignEntrustment', Record<string, never>>;

export type FileObjection = Command<'FileObjection', { readonly grounds: string }>;

/** By the justice bureau (the application checks the role). */
export type DecideObjection = Command<'DecideObjection', { readonly upheld: boolean; readonly note: string }>;

export type RecordProgress = Command<'RecordProgress', { readonly note: string }>;

export type TerminateAid = Command<'TerminateAid', { readonly ground: TerminationGround; readonly explanation: string }>;

/** `resultSummary` is what the applicant is told (结果反馈). */
export type EndMatter = Command<'EndMatter', { readonly endedAt: string; readonly resultSummary: string }>;

export type SubmitClosureMaterials = Command<'SubmitClosureMaterials', Record<string, never>>;

export type ReviewClosure = Command<'ReviewClosure', { readonly quality: ClosureQuality; readonly subsidyYuan: number }>;

export type RecordRevisit = Command<'RecordRevisit', { readonly note: string; readonly satisfied: boolean }>;

export type ApplicationCommand =
  | ReceiveApplication
  | RecordMeansCheck
  | RequestMaterials
  | SupplyMaterials
  | AcceptWithMaterialsOutstanding
  | SupplyOutstandingMaterials
  | TreatAsWithdrawn
  | GrantAid
  | DenyAid
  | GrantUrgentAid
  | AssignLawyer
  | DeclineAssignment
  | SignEntrustment
  | FileObjection
  | DecideObjection
  | RecordProgress
  | TerminateAid
  | EndMatter
  | SubmitClosureMaterials
  | ReviewClosure
  | RecordRevisit;

export type ApplicationCommandType = ApplicationCommand['type'];
