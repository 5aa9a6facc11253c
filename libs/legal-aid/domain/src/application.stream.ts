import { streamName } from '@pls/event-sourcing';

export const APPLICATION_CONTEXT = 'legal-aid';
export const APPLICATION_CATEGORY = 'application';

/** `legal-aid.application-<applicationId>`; throws `MALFORMED_STREAM_NAME` for an id a stream name cannot hold. */
export function applicationStreamId(applicationId: string): string {
  return streamName(APPLICATION_CONTEXT, APPLICATION_CATEGORY, applicationId);
}

export const DUTY_LAWYER_CATEGORY = 'dutylawyer';
export const COOPERATION_CATEGORY = 'cooperation';
export const REGION_SETTINGS_CATEGORY = 'regionsettings';

/** `legal-aid.dutylawyer-<lawyerUserId>`: one lawyer's roster, so an overlap is refused inside one stream. */
export const dutyLawyerStreamId = (lawyerId: string): string => streamName(APPLICATION_CONTEXT, DUTY_LAWYER_CATEGORY, lawyerId);

/** `legal-aid.cooperation-<requestId>`. */
export const cooperationStreamId = (requestId: string): string => streamName(APPLICATION_CONTEXT, COOPERATION_CATEGORY, requestId);

/** `legal-aid.regionsettings-<12-digit region code>`. */
export const regionSettingsStreamId = (regionCode: string): string => streamName(APPLICATION_CONTEXT, REGION_SETTINGS_CATEGORY, regionCode);
