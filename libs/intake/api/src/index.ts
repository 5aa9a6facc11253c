export * from './intake-api.module';
export * from './intake.resolver';
export * from './intake.types';
export * from './intake.inputs';
export * from './intake.enums';
