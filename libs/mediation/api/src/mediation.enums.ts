import { registerEnumType } from '@nestjs/graphql';

/** GraphQL-safe names mapping to the domain's business codes (the enum values). */
export enum DisputeCategoryValue {
  MARRIAGE_FAMILY = 'marriage-family',
  INHERITANCE = 'inheritance',
  NEIGHBOURS = 'neighbours',
  CONTRACT_DEBT = 'contract-debt',
  HOUSING_HOMESTEAD = 'housing-homestead',
  LAND = 'land',
  PERSONAL_INJURY = 'personal-injury',
  TRAFFIC = 'traffic',
  MEDICAL = 'medical',
  LABOUR = 'labour',
  PROPERTY_MANAGEMENT = 'property-management',
  INTELLECTUAL_PROPERTY = 'intellectual-property',
  E_COMMERCE = 'e-commerce',
  FOOD_SAFETY = 'food-safety',
  OTHER = 'other',
}
registerEnumType(DisputeCategoryValue, { name: 'MediationDisputeCategory', description: '纠纷类别 (DOMAIN.md §5.2).' });

export enum MediationPartyKindValue {
  PERSON = 'person',
  ORGANISATION = 'organisation',
}
registerEnumType(MediationPartyKindValue, { name: 'MediationPartyKind' });

export enum MediatorChosenByValue {
  COMMITTEE = 'committee',
  PARTIES = 'parties',
}
registerEnumType(MediatorChosenByValue, { name: 'MediatorChosenBy', description: 'Art. 19: assigned by the committee or chosen by the parties.' });

export enum OtherRouteValue {
  ARBITRATION = 'arbitration',
  ADMINISTRATIVE = 'administrative',
  LITIGATION = 'litigation',
}
registerEnumType(OtherRouteValue, { name: 'MediationOtherRoute', description: 'Art. 26: routes the parties are told of when mediation fails.' });

export enum ConfirmationRulingValue {
  VALID = 'valid',
  DISMISSED = 'dismissed',
}
registerEnumType(ConfirmationRulingValue, { name: 'MediationConfirmationRuling', description: '民事诉讼法 Art. 206: valid (enforceable) or dismissed.' });

export enum PerformanceOutcomeValue {
  PERFORMED = 'performed',
  PARTLY_PERFORMED = 'partly-performed',
  NOT_PERFORMED = 'not-performed',
}
registerEnumType(PerformanceOutcomeValue, { name: 'MediationPerformanceOutcome', description: '履行回访 outcome.' });

export enum MediationQueueValue {
  ALL = 'all',
  AWAITING_CONSENT = 'awaiting-consent',
  MEDIATING = 'mediating',
  SIGNING = 'signing',
  OVERDUE = 'overdue',
}
registerEnumType(MediationQueueValue, { name: 'MediationQueue' });

export enum MediationDeadlineStatusValue {
  NONE = 'none',
  PENDING = 'pending',
  APPROACHING = 'approaching',
  OVERDUE = 'overdue',
}
registerEnumType(MediationDeadlineStatusValue, { name: 'MediationDeadlineStatus', description: 'Where the soonest open deadline stands now.' });
