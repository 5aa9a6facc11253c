export * from './legal-aid.contract';
