export * from './caller';
export * from './token-verifier';
export * from './demo-issuer';
export * from './auth.guard';
