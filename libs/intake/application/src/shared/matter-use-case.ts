import type { MatterCommand } from '@pls/intake-domain';
import type { Caller } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { assertMaySeeMatter } from './matter-access';
import type { MatterCommands } from './matter-commands';

/**
 * The common shape of a desk or back-office step on an existing matter: find it by case code,
 * check the caller may touch it, send the command, answer with the updated view.
 */
export async function actOnMatter(
  matters: MatterCommands,
  caller: Caller,
  caseCode: string,
  commandId: string,
  toCommand: (matter: MatterDocument, metadata: ReturnType<MatterCommands['metadata']>) => MatterCommand | Promise<MatterCommand>,
): Promise<MatterDocument> {
  const matter = await matters.requireByCaseCode(caseCode);
  assertMaySeeMatter(caller, matter);
  const metadata = matters.metadata(caller, commandId, { caseCode: matter.caseCode, regionCode: matter.receivingRegionCode });
  return matters.sendAndRead(matter._id, await toCommand(matter, metadata));
}
