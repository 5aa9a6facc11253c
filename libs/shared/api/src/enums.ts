import { registerEnumType } from '@nestjs/graphql';

/**
 * GraphQL enum values cannot contain dashes, so the schema shows `LEGAL_AID` while every layer
 * below works with the business codes (`legal-aid`). Shared here so each context's API uses the
 * one type.
 */
export enum BusinessLineValue {
  LEGAL_AID = 'legal-aid',
  MEDIATION = 'mediation',
  NOTARIZATION = 'notarization',
  FORENSIC_APPRAISAL = 'forensic-appraisal',
  COMMUNITY_CORRECTION = 'community-correction',
}
registerEnumType(BusinessLineValue, {
  name: 'BusinessLine',
  description: '业务条线: 法律援助 legal aid, 人民调解 mediation, 公证 notarization, 司法鉴定 forensic appraisal, 社区矫正 community correction.',
});

export enum RoleValue {
  CLERK = 'clerk',
  HANDLER = 'handler',
  SUPERVISOR = 'supervisor',
  ADMIN = 'admin',
  COURT = 'court',
  PROCURATORATE = 'procuratorate',
  POLICE = 'police',
  PRISON = 'prison',
  PETITIONS = 'petitions',
}
registerEnumType(RoleValue, { name: 'Role', description: 'What a signed-in user may do: front desk, back office, supervision, administration, or an integrating organ.' });
