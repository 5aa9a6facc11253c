import { Injectable } from '@nestjs/common';
import type { FeedbackChannel } from '@pls/intake-domain';
import type { Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';
import { actOnMatter } from '../shared/matter-use-case';

/** 结果反馈: the desk tells the applicant the back office's result, within the feedback deadline. */
@Injectable()
export class DeliverFeedback {
  constructor(private readonly matters: MatterCommands) {}

  execute(caller: Caller, input: { caseCode: string; channel: FeedbackChannel; content: string; deliveredAt?: string | null }, commandId: string): Promise<MatterDocument> {
    return actOnMatter(this.matters, caller, input.caseCode, commandId, (_matter, metadata) => ({
      type: 'DeliverFeedback',
      data: { channel: input.channel, content: input.content, deliveredAt: input.deliveredAt ?? null },
      metadata,
    }));
  }
}
