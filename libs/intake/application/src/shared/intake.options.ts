import type { MatterDeadlines } from '@pls/intake-domain';

export interface IntakeOptions {
  /** Two letters that start every case code (一案一码), e.g. `SC`. */
  readonly caseCodePrefix?: string;
  /** Where the public progress page lives; the QR code on the receipt encodes `<base>/progress/<code>`. */
  readonly publicBaseUrl?: string;
  readonly deadlines?: Partial<MatterDeadlines>;
}

export const INTAKE_OPTIONS = Symbol.for('pls.IntakeOptions');
