export * from './case-code';
export * from './matter.types';
export * from './matter.commands';
export * from './matter.events';
export * from './matter.state';
export * from './matter.rules';
export { MATTER_INPUT_CODES, MATTER_NOT_FOUND_CODES, MATTER_RULE_CODES, type MatterInputCode, type MatterNotFoundCode, type MatterRuleCode } from './matter.refusals';
export * from './matter.decider';
export * from './matter.stream';
