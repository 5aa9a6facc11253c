import { registerEnumType } from '@nestjs/graphql';

/** GraphQL-safe names mapping to the domain's business codes (the enum values). */
export enum CaseCategoryKindValue {
  CIVIL = 'civil',
  CRIMINAL = 'criminal',
  ADMINISTRATIVE = 'administrative',
  STATE_COMPENSATION = 'state-compensation',
  LABOUR_ARBITRATION = 'labour-arbitration',
}
registerEnumType(CaseCategoryKindValue, { name: 'LegalAidCaseCategory', description: '案件类别.' });

export enum CivilSubCategoryValue {
  STATE_COMPENSATION_CLAIM = 'state-compensation-claim',
  SOCIAL_INSURANCE_OR_MINIMUM_LIVING = 'social-insurance-or-minimum-living',
  PENSION_OR_RELIEF = 'pension-or-relief',
  MAINTENANCE_SUPPORT = 'maintenance-support',
  LABOUR_RELATIONS_REMUNERATION = 'labour-relations-remuneration',
  PERSONAL_INJURY = 'personal-injury',
  ENVIRONMENTAL_OR_CONSUMER_PUBLIC_INTEREST = 'environmental-or-consumer-public-interest',
  DOMESTIC_VIOLENCE_PROTECTION = 'domestic-violence-protection',
  OTHER_STATUTORY = 'other-statutory',
}
registerEnumType(CivilSubCategoryValue, { name: 'CivilSubCategory', description: '法律援助法 Art. 31 matters.' });

export enum Art42GroundValue {
  MINOR = 'minor',
  ELDERLY_WITHOUT_FIXED_INCOME = 'elderly-without-fixed-income',
  DISABLED_WITHOUT_FIXED_INCOME = 'disabled-without-fixed-income',
  SOCIAL_ASSISTANCE_RECIPIENT = 'social-assistance-recipient',
  JUDICIAL_ASSISTANCE_RECIPIENT = 'judicial-assistance-recipient',
  PREFERENTIAL_CARE_RECIPIENT = 'preferential-care-recipient',
  MIGRANT_WORKER_WAGES_OR_WORK_INJURY = 'migrant-worker-wages-or-work-injury',
}
registerEnumType(Art42GroundValue, { name: 'Art42Ground', description: 'Art. 42: no hardship check.' });

export enum Art32GroundValue {
  MARTYR_RELATIVE = 'martyr-relative',
  ACT_OF_BRAVERY = 'act-of-bravery',
  STATE_COMPENSATION_AFTER_RETRIAL_ACQUITTAL = 'state-compensation-after-retrial-acquittal',
  ABUSE_ABANDONMENT_OR_DOMESTIC_VIOLENCE_VICTIM = 'abuse-abandonment-or-domestic-violence-victim',
}
registerEnumType(Art32GroundValue, { name: 'Art32Ground', description: 'Art. 32: no hardship condition.' });

export enum MeansCheckMethodValue {
  DATA_SHARING = 'data-sharing',
  INTEGRITY_PLEDGE = 'integrity-pledge',
}
registerEnumType(MeansCheckMethodValue, { name: 'MeansCheckMethod', description: '核查方式: 信息共享 or 个人诚信承诺.' });

export enum MeansCheckResultValue {
  MEETS = 'meets',
  DOES_NOT_MEET = 'does-not-meet',
}
registerEnumType(MeansCheckResultValue, { name: 'MeansCheckResult' });

export enum ClosureQualityValue {
  EXCELLENT = 'excellent',
  GOOD = 'good',
  PASS = 'pass',
  FAIL = 'fail',
}
registerEnumType(ClosureQualityValue, { name: 'ClosureQuality', description: '结案质量评估.' });

export enum NotificationReasonValue {
  MINOR = 'minor',
  BLIND_DEAF_OR_MUTE = 'blind-deaf-or-mute',
  NOT_FULLY_CAPABLE_ADULT = 'not-fully-capable-adult',
  LIFE_IMPRISONMENT_OR_DEATH = 'life-imprisonment-or-death',
  DEATH_PENALTY_REVIEW = 'death-penalty-review',
  TRIAL_IN_ABSENTIA = 'trial-in-absentia',
  COMPULSORY_MEDICAL_TREATMENT = 'compulsory-medical-treatment',
  OTHER_STATUTORY = 'other-statutory',
}
registerEnumType(NotificationReasonValue, { name: 'NotificationReason', description: 'Why the organ notifies (Arts. 25, 28).' });

export enum GreenChannelGroundValue {
  MIGRANT_WORKER = 'migrant-worker',
  ELDERLY = 'elderly',
  DISABLED = 'disabled',
  VETERAN_OR_MILITARY_FAMILY = 'veteran-or-military-family',
  MINOR = 'minor',
  WOMAN = 'woman',
}
registerEnumType(GreenChannelGroundValue, { name: 'GreenChannelGround', description: '绿色通道.' });

export enum LegalAidQueueValue {
  ALL = 'all',
  TO_REVIEW = 'to-review',
  TO_ASSIGN = 'to-assign',
  OVERDUE = 'overdue',
}
registerEnumType(LegalAidQueueValue, { name: 'LegalAidQueue', description: 'Which part of the work queue.' });

export enum LegalAidDeadlineStatusValue {
  NONE = 'none',
  PENDING = 'pending',
  APPROACHING = 'approaching',
  OVERDUE = 'overdue',
}
registerEnumType(LegalAidDeadlineStatusValue, { name: 'LegalAidDeadlineStatus', description: 'Where the soonest open deadline stands now.' });

export enum UrgentAidGroundValue {
  LIMITATION_EXPIRING = 'limitation-expiring',
  URGENT_PRESERVATION = 'urgent-preservation',
}
registerEnumType(UrgentAidGroundValue, { name: 'UrgentAidGround', description: 'Art. 44 (verify): limitation period expiring within 7 days, or urgent preservation.' });

export enum TerminationGroundValue {
  DECEPTION = 'deception',
  CONCEALED_FACTS_OR_FALSE_EVIDENCE = 'concealed-facts-or-false-evidence',
  UNLAWFUL_PURPOSE = 'unlawful-purpose',
  MEANS_CHANGED = 'means-changed',
  PROCEEDINGS_ENDED_OR_WITHDRAWN = 'proceedings-ended-or-withdrawn',
  OWN_COUNSEL_RETAINED = 'own-counsel-retained',
  RECIPIENT_REQUEST = 'recipient-request',
  OTHER_STATUTORY = 'other-statutory',
}
registerEnumType(TerminationGroundValue, { name: 'TerminationGround', description: 'Art. 48 (verify).' });
