import type { LegalAidDeadlines } from '@pls/legal-aid-domain';

export interface LegalAidOptions {
  readonly deadlines?: Partial<LegalAidDeadlines>;
}

export const LEGAL_AID_OPTIONS = Symbol.for('pls.LegalAidOptions');
