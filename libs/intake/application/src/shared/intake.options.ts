import type { MatterDeadlines } from '@pls/intake-domain';
import type { PhoneGuessLimit } from '../public-lookup/phone-digits-guess-limit';

export interface IntakeOptions {
  /** Two letters that start every case code (一案一码), e.g. `SC`. */
  readonly caseCodePrefix?: string;
  /** Where the public progress page lives; the QR code on the receipt encodes `<base>/progress/<code>`. */
  readonly publicBaseUrl?: string;
  readonly deadlines?: Partial<MatterDeadlines>;
  /** Wrong phone-digit answers per case code before its public look-ups lock (defaults: DEFAULT_PHONE_GUESS_LIMIT). */
  readonly phoneGuessLimit?: Partial<PhoneGuessLimit>;
}

export const INTAKE_OPTIONS = Symbol.for('pls.IntakeOptions');
