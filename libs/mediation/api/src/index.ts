export * from './mediation-api.module';
export * from './mediation.resolver';
export * from './mediation.types';
export * from './mediation.inputs';
export * from './mediation.enums';
