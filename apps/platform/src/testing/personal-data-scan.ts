/** 18-character resident ID numbers (GB 11643) and mainland mobile numbers, not inside a longer run of digits. */
const PERSONAL_DATA = /(?<!\d)(\d{17}[\dXx]|1[3-9]\d{9})(?!\d)/g;
/**
 * Ids are random UUIDs, and a UUID's last group is twelve hex characters: one in about forty holds an
 * eleven-digit run that reads as a mobile number ("…c18095393511"). They are blanked before the scan.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What in `text` looks like an unmasked ID number or phone: `[]` when nothing does. */
export function unmaskedPersonalData(text: string): string[] {
  return [...text.replace(UUID, '<uuid>').matchAll(PERSONAL_DATA)].map((match) => match[0]);
}
