import type { MediationDeadlines } from '@pls/mediation-domain';

export interface MediationOptions {
  /** The time limit (default 30 days) and the confirmation window (30 days, Art. 33). */
  readonly deadlines?: Partial<MediationDeadlines>;
}

export const MEDIATION_OPTIONS = Symbol.for('pls.MediationOptions');
