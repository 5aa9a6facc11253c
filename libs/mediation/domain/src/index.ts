export * from './mediation.types';
export * from './mediation.commands';
export * from './mediation.events';
export * from './mediation.state';
export * from './mediation.rules';
export {
  MEDIATION_INPUT_CODES,
  MEDIATION_NOT_FOUND_CODES,
  MEDIATION_RULE_CODES,
  type MediationInputCode,
  type MediationNotFoundCode,
  type MediationRuleCode,
} from './mediation.refusals';
export * from './mediation.decider';
export * from './mediation.stream';
