export * from './front-desk-reply.contract';
