import type { ApplicationCommand } from '@pls/legal-aid-domain';
import type { Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import type { ApplicationCommands } from './application-commands';

/**
 * The common shape of a step on an existing application: find it, check who acts (`authorise`),
 * send the command, answer with the updated view.
 */
export async function actOnApplication(
  applications: ApplicationCommands,
  caller: Caller,
  applicationId: string,
  commandId: string,
  authorise: (caller: Caller, application: LegalAidApplicationDocument) => void,
  toCommand: (application: LegalAidApplicationDocument, metadata: ReturnType<ApplicationCommands['metadata']>) => ApplicationCommand | Promise<ApplicationCommand>,
): Promise<LegalAidApplicationDocument> {
  const application = await applications.requireById(applicationId);
  authorise(caller, application);
  const metadata = applications.metadata(caller, commandId, { regionCode: application.regionCode, ...(application.source.caseCode ? { caseCode: application.source.caseCode } : {}) });
  return applications.sendAndRead(application._id, await toCommand(application, metadata));
}
