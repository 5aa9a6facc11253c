import { Injectable } from '@nestjs/common';
import { parseCaseCode, type RatingLevel } from '@pls/intake-domain';
import { NotFound, type Caller } from '@pls/shared-kernel';
import { PhoneDigitsGuessLimit } from '../public-lookup/phone-digits-guess-limit';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/** The applicant rates the service, or the public, holding the case code and their phone's last four digits. */
export const PUBLIC_RATER: Caller = { userId: 'public', name: '申请人', orgId: 'public', roles: [], regionCode: '000000000000', lines: [] };

/** 好差评: one rating per service event; a bad one opens a rectification in the same decision. */
@Injectable()
export class RateService {
  constructor(
    private readonly matters: MatterCommands,
    private readonly guesses: PhoneDigitsGuessLimit,
  ) {}

  /** A clerk records the rating the applicant gave at the desk or on a call-back. */
  execute(caller: Caller, input: { caseCode: string; level: RatingLevel; comment?: string | null }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({ type: 'RateService', data: { level: input.level, comment: input.comment ?? null }, metadata }));
  }

  /** The applicant rates online (the QR code on the receipt): the case code and phone digits identify them. */
  async byApplicant(input: { caseCode: string; phoneLast4: string; level: RatingLevel; comment?: string | null }, commandId: string): Promise<void> {
    const caseCode = parseCaseCode(input.caseCode).value;
    await this.guesses.beginAttempt(caseCode);
    const matter = await this.matters.requireByCaseCode(caseCode).catch((error: unknown) => {
      if (error instanceof NotFound) return null;
      throw error;
    });
    if (!matter || !phoneMatches(matter, input.phoneLast4)) throw new NotFound('MATTER_NOT_FOUND', 'no matter with that case code and phone number');
    await this.guesses.answeredRightly(caseCode);
    const metadata = this.matters.metadata({ ...PUBLIC_RATER, orgId: matter.receivingOrgId }, commandId, { caseCode: matter.caseCode });
    await this.matters.sendAndRead(matter._id, { type: 'RateService', data: { level: input.level, comment: input.comment ?? null }, metadata });
  }
}

/** Compares without an early exit, so response time tells nothing about how many digits matched. */
export function phoneMatches(matter: MatterDocument, phoneLast4: string): boolean {
  const expected = matter.applicantPhoneLast4;
  if (typeof phoneLast4 !== 'string' || phoneLast4.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index++) difference |= expected.charCodeAt(index) ^ phoneLast4.charCodeAt(index);
  return difference === 0;
}
