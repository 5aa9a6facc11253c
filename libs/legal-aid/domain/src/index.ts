export * from './application.types';
export * from './application.commands';
export * from './application.events';
export * from './application.state';
export * from './application.rules';
export {
  APPLICATION_INPUT_CODES,
  APPLICATION_NOT_FOUND_CODES,
  APPLICATION_RULE_CODES,
  type ApplicationInputCode,
  type ApplicationNotFoundCode,
  type ApplicationRuleCode,
} from './application.refusals';
export * from './application.decider';
export * from './application.stream';
export * from './duty-lawyer.types';
export * from './duty-lawyer.commands';
export * from './duty-lawyer.events';
export * from './duty-lawyer.rules';
export * from './duty-lawyer.decider';
export * from './cooperation.decider';
export * from './region-settings.decider';
