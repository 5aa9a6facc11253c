import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { RegionLevel } from '@pls/shared-kernel';
import { RegionLevelEnum } from './enums';

@ObjectType({ description: '常住人口 of a region in a year, with where the figure comes from.' })
export class PopulationFigure {
  @Field(() => Int) year!: number;
  @Field(() => Int) population!: number;
  @Field({ description: 'A census bulletin, a statistical yearbook, or "demo estimate".' }) source!: string;
}

@ObjectType('Region', { description: 'An administrative region (2023 division data); codes are 12 digits, `shortCode` 6, 9 or 12.' })
export class RegionNode {
  @Field() code!: string;
  @Field() shortCode!: string;
  @Field() name!: string;
  @Field(() => RegionLevelEnum) level!: RegionLevel;
  @Field(() => String, { nullable: true }) parentCode!: string | null;
}
