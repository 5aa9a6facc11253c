import { Injectable } from '@nestjs/common';
import { assertRole, DomainRuleViolation, REGION_LEVELS, regionLevel, type Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/** 督办: an upper-level supervisor orders a time-limited answer; whoever holds the matter answers. */
@Injectable()
export class Supervision {
  constructor(private readonly matters: MatterCommands) {}

  order(caller: Caller, input: { caseCode: string; supervisionId: string; note: string; dueAt: string }, commandId: string): Promise<MatterDocument> {
    assertRole(caller, ['supervisor'], 'orderSupervision');
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (matter, metadata) => {
      if (!isUpperLevel(caller.regionCode, matter.receivingRegionCode)) {
        // 督办 is upward oversight: a supervisor at the matter's own level (or below) does not order it.
        throw new DomainRuleViolation('SUPERVISOR_NOT_UPPER_LEVEL', 'supervision is ordered from a level above the office that holds the matter');
      }
      return { type: 'OrderSupervision', data: { supervisionId: input.supervisionId, note: input.note, dueAt: input.dueAt }, metadata };
    });
  }

  answer(caller: Caller, input: { caseCode: string; supervisionId: string; answer: string }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({ type: 'AnswerSupervision', data: { supervisionId: input.supervisionId, answer: input.answer }, metadata }));
  }
}

function isUpperLevel(supervisorRegion: string, matterRegion: string): boolean {
  return REGION_LEVELS.indexOf(regionLevel(supervisorRegion)) < REGION_LEVELS.indexOf(regionLevel(matterRegion));
}
