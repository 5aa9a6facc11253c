export * from './legal-aid-api.module';
export * from './legal-aid.resolver';
export * from './legal-aid.types';
export * from './legal-aid.inputs';
export * from './legal-aid.enums';
