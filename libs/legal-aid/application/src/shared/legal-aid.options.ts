import type { LegalAidDeadlines } from '@pls/legal-aid-domain';
import type { Period } from '@pls/shared-kernel';

export interface LegalAidOptions {
  readonly deadlines?: Partial<LegalAidDeadlines>;
  /** 异地协作 answer period; the law sets none (default 3 working days, see `DEFAULT_COOPERATION_PERIOD`). */
  readonly cooperationPeriod?: Period;
}

export const LEGAL_AID_OPTIONS = Symbol.for('pls.LegalAidOptions');
