import type { MatterType } from '@pls/intake-domain';

/**
 * 公共法律服务事项清单 as the demo region publishes it: each entry names the line that handles it
 * (null: answered at the desk). Codes are stable API values; names are what applicants read.
 */
export const SERVICE_CATALOGUE: readonly MatterType[] = [
  { code: 'consultation', name: '法律咨询', line: null },
  { code: 'legal-aid', name: '法律援助申请', line: 'legal-aid' },
  { code: 'legal-aid.wage-arrears', name: '农民工欠薪法律援助', line: 'legal-aid' },
  { code: 'mediation', name: '人民调解申请', line: 'mediation' },
  { code: 'notarization', name: '公证申请', line: 'notarization' },
  { code: 'forensic-appraisal', name: '司法鉴定委托', line: 'forensic-appraisal' },
  { code: 'community-correction', name: '社区矫正事项', line: 'community-correction' },
];

export function catalogueEntry(code: string): MatterType | null {
  return SERVICE_CATALOGUE.find((entry) => entry.code === code) ?? null;
}
