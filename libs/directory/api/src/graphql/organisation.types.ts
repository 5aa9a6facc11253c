import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { BusinessLine, OrganisationKind } from '@pls/directory-application';
import { ConnectionOf } from '@pls/shared-api';
import type { RegionLevel } from '@pls/shared-kernel';
import { BusinessLineEnum, OrganisationKindEnum, RegionLevelEnum } from './enums';

@ObjectType('Organisation', { description: 'A platform site, agency, external organ or law firm. Reference data: every signed-in caller reads it.' })
export class OrganisationNode {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindEnum) kind!: OrganisationKind;
  @Field({ description: '12 digits.' }) regionCode!: string;
  @Field(() => RegionLevelEnum) level!: RegionLevel;
  @Field(() => [BusinessLineEnum]) lines!: readonly BusinessLine[];
  @Field(() => [String], { description: 'External organs: the regions they cover (管辖), 12 digits; empty for everyone else.' }) jurisdiction!: readonly string[];
  @Field(() => ID, { nullable: true }) parentOrgId!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true, description: 'The organisation\'s public number (landline, mobile or 12348).' }) phone!: string | null;
  @Field() closed!: boolean;
  @Field(() => String, { nullable: true }) closedReason!: string | null;
  @Field() registeredAt!: string;
  @Field() updatedAt!: string;
}

export const OrganisationConnection = ConnectionOf(OrganisationNode, 'Organisation');

@InputType()
export class OrganisationFilter {
  @Field(() => String, { nullable: true, description: 'Organisations in this region\'s subtree (6, 9 or 12 digits).' }) regionCode?: string | null;
  @Field(() => OrganisationKindEnum, { nullable: true }) kind?: OrganisationKind | null;
  @Field(() => BusinessLineEnum, { nullable: true }) line?: BusinessLine | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) includeClosed?: boolean | null;
}
