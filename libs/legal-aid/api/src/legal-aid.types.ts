import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '@pls/shared-api';
import { LegalAidDeadlineStatusValue } from './legal-aid.enums';

@ObjectType({ description: 'Applicant or defendant: ID and phone masked (个人信息保护法).' })
export class LegalAidApplicantView {
  @Field() name!: string;
  @Field() idNumberMasked!: string;
  @Field(() => String, { nullable: true }) phoneMasked!: string | null;
  @Field() minor!: boolean;
}

@ObjectType()
export class LegalAidSourceView {
  @Field({ description: 'front-desk, direct, forwarded or notified-defence.' }) kind!: string;
  @Field(() => String, { nullable: true }) matterId!: string | null;
  @Field(() => String, { nullable: true, description: 'The front desk\'s case code (一案一码).' }) caseCode!: string | null;
  @Field(() => String, { nullable: true }) notifyingOrgId!: string | null;
  @Field(() => String, { nullable: true }) notifyingOrganKind!: string | null;
  @Field(() => String, { nullable: true }) notificationReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Forwarded (Art. 39): the detention place, or the station of the duty lawyer.' }) forwarderOrgId!: string | null;
  @Field(() => String, { nullable: true, description: 'detention-place or duty-lawyer.' }) forwarderKind!: string | null;
  @Field(() => String, { nullable: true, description: 'When the detained person asked.' }) requestedAt!: string | null;
  @Field(() => String, { nullable: true }) forwardedAt!: string | null;
  @Field(() => String, { nullable: true, description: '24 hours after the request (Art. 39).' }) forwardingDueAt!: string | null;
  @Field(() => Boolean, { nullable: true }) forwardedOnTime!: boolean | null;
}

@ObjectType({ description: '容缺受理: materials left outstanding at acceptance.' })
export class LegalAidOutstandingMaterialsView {
  @Field({ description: 'outstanding or supplied.' }) status!: string;
  @Field(() => [String]) items!: string[];
  @Field() dueAt!: string;
  @Field(() => String, { nullable: true }) suppliedAt!: string | null;
}

@ObjectType({ description: '异地协作 requested for this application, with the answer.' })
export class LegalAidApplicationCooperationView {
  @Field(() => ID) requestId!: string;
  @Field({ description: 'verify-means or collect-materials.' }) kind!: string;
  @Field() receivingOrgId!: string;
  @Field() requestedAt!: string;
  @Field() dueAt!: string;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
}

@ObjectType()
export class LegalAidCategoryView {
  @Field() kind!: string;
  @Field(() => String, { nullable: true }) subCategory!: string | null;
  @Field(() => Boolean, { nullable: true }) lifeOrDeathPossible!: boolean | null;
}

@ObjectType()
export class LegalAidMeansView {
  @Field() declaredHardship!: boolean;
  @Field(() => Int, { nullable: true, description: '42 (no check) or 32 (no condition).' }) exemptionArticle!: number | null;
  @Field(() => [String]) exemptionGrounds!: string[];
  @Field(() => String, { nullable: true }) checkResult!: string | null;
}

@ObjectType()
export class LegalAidDecisionView {
  @Field({ description: 'granted, urgent, notified or denied.' }) outcome!: string;
  @Field() at!: string;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
  @Field(() => [String]) reasons!: string[];
}

@ObjectType()
export class AssignedLawyerView {
  @Field() lawyerId!: string;
  @Field() firmOrgId!: string;
  @Field() assignedAt!: string;
  @Field() onTime!: boolean;
  @Field(() => String, { nullable: true }) entrustmentSignedAt!: string | null;
}

@ObjectType()
export class LegalAidObjectionView {
  @Field({ description: 'pending, upheld or rejected.' }) status!: string;
  @Field() against!: string;
  @Field() filedAt!: string;
  @Field(() => String, { nullable: true }) decidedAt!: string | null;
}

@ObjectType()
export class LegalAidClosureView {
  @Field() quality!: string;
  @Field(() => Float) subsidyYuan!: number;
  @Field() reviewedAt!: string;
}

@ObjectType({ description: 'A statutory step of the application (限时办结).' })
export class LegalAidDeadlineView {
  @Field({ description: 'forwarding, decision, materials, outstanding-materials, assignment, entrustment, objection or closure-materials.' }) kind!: string;
  @Field() dueAt!: string;
  @Field(() => String, { nullable: true }) metAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
  @Field() paused!: boolean;
}

@ObjectType()
export class LegalAidHistoryStep {
  @Field() at!: string;
  @Field() kind!: string;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) byUserId!: string | null;
}

@ObjectType({ description: 'A legal aid application (法律援助申请) or notified defence (通知辩护).' })
export class LegalAidApplication {
  @Field(() => ID) id!: string;
  @Field({ description: '申请编号, e.g. （2026）川乐援字第0012号.' }) applicationNo!: string;
  @Field({ description: 'received, awaiting-materials, granted, assigned, in-progress, ended, closed, denied, withdrawn or terminated.' }) stage!: string;
  @Field() agencyOrgId!: string;
  @Field() regionCode!: string;
  @Field(() => LegalAidSourceView) source!: LegalAidSourceView;
  @Field(() => LegalAidApplicantView) applicant!: LegalAidApplicantView;
  @Field(() => LegalAidCategoryView) category!: LegalAidCategoryView;
  @Field(() => String, { nullable: true }) charge!: string | null;
  @Field(() => String, { nullable: true }) adversePartyName!: string | null;
  @Field(() => LegalAidMeansView) means!: LegalAidMeansView;
  @Field() minorsCase!: boolean;
  @Field() lifeOrDeathCase!: boolean;
  @Field() priority!: string;
  @Field() receivedAt!: string;
  @Field(() => LegalAidDecisionView, { nullable: true }) decision!: LegalAidDecisionView | null;
  @Field(() => AssignedLawyerView, { nullable: true }) lawyer!: AssignedLawyerView | null;
  @Field(() => LegalAidObjectionView, { nullable: true }) objection!: LegalAidObjectionView | null;
  @Field(() => String, { nullable: true }) resultSummary!: string | null;
  @Field(() => LegalAidClosureView, { nullable: true }) closure!: LegalAidClosureView | null;
  @Field(() => LegalAidOutstandingMaterialsView, { nullable: true }) outstandingMaterials!: LegalAidOutstandingMaterialsView | null;
  @Field(() => [LegalAidApplicationCooperationView]) cooperation!: LegalAidApplicationCooperationView[];
  @Field(() => [LegalAidDeadlineView]) deadlines!: LegalAidDeadlineView[];
  @Field(() => String, { nullable: true }) nextDueAt!: string | null;
  @Field(() => LegalAidDeadlineStatusValue) deadlineStatus!: string;
  @Field(() => [LegalAidHistoryStep]) history!: LegalAidHistoryStep[];
}

export const LegalAidApplicationConnection = ConnectionOf(LegalAidApplication, 'LegalAidApplication');

@ObjectType({ description: '通知辩护 as the notifying organ sees it: status and the assigned lawyer (Art. 36).' })
export class NotifiedDefence {
  @Field(() => ID) applicationId!: string;
  @Field() applicationNo!: string;
  @Field() stage!: string;
  @Field() defendantName!: string;
  @Field(() => String, { nullable: true }) charge!: string | null;
  @Field() notifiedAt!: string;
  @Field(() => String, { nullable: true, description: 'When the assignment is due (3 days).' }) assignmentDueAt!: string | null;
  @Field(() => String, { nullable: true }) lawyerName!: string | null;
  @Field(() => String, { nullable: true }) firmName!: string | null;
  @Field(() => String, { nullable: true }) assignedAt!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Null while unassigned.' }) assignedOnTime!: boolean | null;
}

export const NotifiedDefenceConnection = ConnectionOf(NotifiedDefence, 'NotifiedDefence');

@ObjectType({ description: 'Legal aid indicators for a region subtree and period (DOMAIN.md §8).' })
export class LegalAidIndicators {
  @Field() regionCode!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int, { description: 'Granted, including urgent aid.' }) granted!: number;
  @Field(() => Int) denied!: number;
  @Field(() => Int) decisionsOnTime!: number;
  @Field(() => Int) notifiedDefences!: number;
  @Field(() => Int) notifiedAssigned!: number;
  @Field(() => Int) notifiedAssignedOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'Percent; target 100.' }) notifiedOnTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Aided cases (granted, urgent, notified) per 10,000 residents.' }) casesPer10kResidents!: number | null;
  @Field(() => Int, { nullable: true }) population!: number | null;
  @Field(() => Int, { description: '值班律师 consultations at stations of the region.' }) dutyConsultations!: number;
  @Field(() => Int, { description: 'Duty consultations referred to legal aid (forwarded applications).' }) dutyReferrals!: number;
  @Field(() => Int, { description: '认罪认罚具结书 witnessed by duty lawyers.' }) pleaAgreementsWitnessed!: number;
}

@ObjectType({ description: 'A lawyer and the aided matters they act in now.' })
export class LawyerWorkload {
  @Field(() => ID) lawyerId!: string;
  @Field() name!: string;
  @Field() firmOrgId!: string;
  @Field(() => Int) criminalDefenceYears!: number;
  @Field(() => [String]) specialties!: string[];
  @Field(() => Int) openCases!: number;
  @Field(() => Int) maxConcurrentCases!: number;
}
