import { Injectable } from '@nestjs/common';
import type { Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/** 当场答复: most hotline traffic is a consultation the clerk answers and closes at once. */
@Injectable()
export class AnswerConsultation {
  constructor(private readonly matters: MatterCommands) {}

  execute(caller: Caller, input: { caseCode: string; answer: string }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({ type: 'AnswerConsultation', data: { answer: input.answer }, metadata }));
  }
}
