import { Injectable } from '@nestjs/common';
import { assertRole, type Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/** 申诉复核: the rated organisation appeals a malicious rating; a supervisor reviews it. */
@Injectable()
export class RatingAppeal {
  constructor(private readonly matters: MatterCommands) {}

  appeal(caller: Caller, input: { caseCode: string; reason: string }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({ type: 'AppealRating', data: { reason: input.reason }, metadata }));
  }

  review(caller: Caller, input: { caseCode: string; upheld: boolean; note: string }, commandId: string): Promise<MatterDocument> {
    assertRole(caller, ['supervisor'], 'reviewRatingAppeal');
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({ type: 'ReviewRatingAppeal', data: { upheld: input.upheld, note: input.note }, metadata }));
  }
}
