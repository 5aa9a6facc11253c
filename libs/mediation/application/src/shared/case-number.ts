/** Province short names (简称) by the first two digits of the region code. */
const PROVINCE_SHORT: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏', '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁',
  '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂', '46': '琼', '50': '渝', '51': '川', '52': '贵', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
};

/**
 * 调解案号 in the committees' usual form, `（2026）川乐调字第0042号`: year, province short name, the
 * first character of the committee's name, 调. The serial is given by the caller and must be unique;
 * the reactor uses the routing event's global position, so a redelivered routing yields the same number.
 */
export function mediationCaseNumber(input: { year: number; regionCode: string; committeeName: string; serial: number }): string {
  const province = PROVINCE_SHORT[input.regionCode.slice(0, 2)] ?? '';
  const place = input.committeeName.trim().charAt(0);
  return `（${input.year}）${province}${place}调字第${String(input.serial).padStart(4, '0')}号`;
}

/** The year in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiYear(instant: string): number {
  return new Date(Date.parse(instant) + 8 * 3600 * 1000).getUTCFullYear();
}
