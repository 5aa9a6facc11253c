import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LegalAidApplicantInput, LegalAidCategoryInput, MeansInput } from './legal-aid.inputs';
import { GreenChannelGroundValue } from './legal-aid.enums';

export enum ConsultationMatterValue {
  CRIMINAL = 'criminal',
  CIVIL = 'civil',
  ADMINISTRATIVE = 'administrative',
  STATE_COMPENSATION = 'state-compensation',
  LABOUR = 'labour',
  OTHER = 'other',
}
registerEnumType(ConsultationMatterValue, { name: 'DutyConsultationMatter', description: 'What a duty consultation was about.' });

@InputType({ description: '值班律师排班: a lawyer of your pool at a court, procuratorate or detention centre of your region.' })
export class ScheduleDutyInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) lawyerUserId!: string;
  @Field(() => ID) stationOrgId!: string;
  @Field(() => [String], { description: "Shanghai days 'YYYY-MM-DD', today or later, at most 31." }) days!: string[];
}

@InputType()
export class DutyPersonInput {
  @Field() name!: string;
  @Field({ nullable: true, description: '居民身份证号, when given (masked in every view).' }) idNumber?: string;
}

@InputType({ description: 'The legal aid application the duty lawyer forwards for the person (Art. 39).' })
export class DutyReferralInput {
  @Field(() => LegalAidApplicantInput) applicant!: LegalAidApplicantInput;
  @Field(() => LegalAidCategoryInput) category!: LegalAidCategoryInput;
  @Field(() => MeansInput) means!: MeansInput;
  @Field(() => [GreenChannelGroundValue], { nullable: true }) greenChannel?: GreenChannelGroundValue[];
  @Field({ nullable: true }) charge?: string;
}

@InputType()
export class RecordDutyConsultationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID, { description: 'The station you are on duty at today.' }) stationOrgId!: string;
  @Field(() => DutyPersonInput) person!: DutyPersonInput;
  @Field(() => ConsultationMatterValue) matter!: ConsultationMatterValue;
  @Field() advice!: string;
  @Field(() => DutyReferralInput, { nullable: true, description: 'Referred to legal aid: forwards an application.' }) referral?: DutyReferralInput;
}

@InputType()
export class WitnessPleaAgreementInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) stationOrgId!: string;
  @Field({ description: "The procuratorate's case reference (案号)." }) caseRef!: string;
  @Field(() => DutyPersonInput) defendant!: DutyPersonInput;
  @Field({ description: "'YYYY-MM-DD', a day you were on duty there, not after today." }) witnessedOn!: string;
}

@ObjectType()
export class DutyShiftView {
  @Field(() => ID) dutyId!: string;
  @Field() agencyOrgId!: string;
  @Field() stationOrgId!: string;
  @Field({ description: 'court, procuratorate or detention-centre.' }) stationKind!: string;
  @Field() stationRegionCode!: string;
  @Field(() => [String]) days!: string[];
  @Field() scheduledAt!: string;
}

@ObjectType({ description: 'A duty consultation; the person\'s ID number masked.' })
export class DutyConsultationView {
  @Field(() => ID) consultationId!: string;
  @Field() lawyerId!: string;
  @Field() stationOrgId!: string;
  @Field() day!: string;
  @Field() at!: string;
  @Field() personName!: string;
  @Field(() => String, { nullable: true }) personIdNumberMasked!: string | null;
  @Field() matter!: string;
  @Field() advice!: string;
  @Field(() => String, { nullable: true, description: 'The forwarded legal aid application, when referred.' }) referredApplicationId!: string | null;
}

@ObjectType({ description: '认罪认罚具结书 witnessed; the defendant\'s ID number masked.' })
export class PleaWitnessingView {
  @Field(() => ID) witnessingId!: string;
  @Field() lawyerId!: string;
  @Field() stationOrgId!: string;
  @Field() caseRef!: string;
  @Field() defendantName!: string;
  @Field() defendantIdNumberMasked!: string;
  @Field() witnessedOn!: string;
  @Field() recordedAt!: string;
}

@ObjectType({ description: "A duty lawyer's record (值班记录)." })
export class DutyLawyerRecord {
  @Field(() => ID) lawyerId!: string;
  @Field() firmOrgId!: string;
  @Field(() => [DutyShiftView]) shifts!: DutyShiftView[];
  @Field(() => [DutyConsultationView]) consultations!: DutyConsultationView[];
  @Field(() => [PleaWitnessingView]) witnessings!: PleaWitnessingView[];
}

@ObjectType()
export class DutyConsultationRecorded {
  @Field(() => DutyConsultationView) consultation!: DutyConsultationView;
  @Field(() => String, { nullable: true, description: '申请编号 of the forwarded application, when referred.' }) referredApplicationNo!: string | null;
}

@ObjectType()
export class DutyRosterEntry {
  @Field(() => ID) lawyerId!: string;
  @Field() lawyerName!: string;
  @Field() firmOrgId!: string;
  @Field(() => String, { nullable: true }) firmName!: string | null;
  @Field(() => ID) dutyId!: string;
}

@ObjectType({ description: 'Who is on duty at a station on a day.' })
export class DutyRoster {
  @Field() stationOrgId!: string;
  @Field() stationName!: string;
  @Field() stationKind!: string;
  @Field() day!: string;
  @Field(() => [DutyRosterEntry]) lawyers!: DutyRosterEntry[];
}

@ObjectType({ description: "A station's duty work over a period of days." })
export class DutyStationActivity {
  @Field() stationOrgId!: string;
  @Field() stationName!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int) consultationCount!: number;
  @Field(() => Int) referralCount!: number;
  @Field(() => Int) witnessingCount!: number;
  @Field(() => [DutyConsultationView]) consultations!: DutyConsultationView[];
  @Field(() => [PleaWitnessingView]) witnessings!: PleaWitnessingView[];
}

@InputType({ description: '转交申请 (Art. 39): a detention place or a duty lawyer forwards a detained person\'s application within 24 hours.' })
export class ForwardLegalAidApplicationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID, { nullable: true, description: 'Duty lawyers: the station you are on duty at today. Detention places: omit.' }) stationOrgId?: string;
  @Field(() => LegalAidApplicantInput) applicant!: LegalAidApplicantInput;
  @Field(() => LegalAidCategoryInput) category!: LegalAidCategoryInput;
  @Field(() => MeansInput) means!: MeansInput;
  @Field(() => [GreenChannelGroundValue], { nullable: true }) greenChannel?: GreenChannelGroundValue[];
  @Field({ nullable: true }) charge?: string;
  @Field({ description: 'ISO instant the detained person asked: the 24 hours run from here.' }) requestedAt!: string;
}
