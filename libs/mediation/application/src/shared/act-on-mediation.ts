import type { MediationCommand } from '@pls/mediation-domain';
import type { Caller } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';
import type { MediationCommands } from './mediation-commands';

/**
 * The common shape of a step on an existing case: find it, check who acts (`authorise`), send the
 * command, answer with the updated view.
 */
export async function actOnMediation(
  mediations: MediationCommands,
  caller: Caller,
  caseId: string,
  commandId: string,
  authorise: (caller: Caller, mediation: MediationCaseDocument) => void,
  toCommand: (mediation: MediationCaseDocument, metadata: ReturnType<MediationCommands['metadata']>) => MediationCommand | Promise<MediationCommand>,
): Promise<MediationCaseDocument> {
  const mediation = await mediations.requireById(caseId);
  authorise(caller, mediation);
  const metadata = mediations.metadata(caller, commandId, { regionCode: mediation.regionCode, ...(mediation.source.caseCode ? { caseCode: mediation.source.caseCode } : {}) });
  return mediations.sendAndRead(mediation._id, await toCommand(mediation, metadata));
}
