import { Injectable } from '@nestjs/common';
import type { Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/** 整改: the owner calls the rater back, fixes what was wrong and tells the rater the result. */
@Injectable()
export class Rectification {
  constructor(private readonly matters: MatterCommands) {}

  recordCallBack(caller: Caller, input: { caseCode: string; note: string }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({ type: 'RecordRectificationCallBack', data: { note: input.note }, metadata }));
  }

  close(caller: Caller, input: { caseCode: string; outcome: string; resultFedBackToRater: boolean }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({
      type: 'CloseRectification',
      data: { outcome: input.outcome, resultFedBackToRater: input.resultFedBackToRater },
      metadata,
    }));
  }
}
