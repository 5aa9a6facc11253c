import { applicationNumber, shanghaiYear } from './application-number';

describe('the application number (申请编号)', () => {
  it('reads year, province, place and serial as the agencies write it', () => {
    expect(applicationNumber({ year: 2026, regionCode: '512022000000', agencyName: '乐至县法律援助中心', serial: 12 })).toBe('（2026）川乐援字第0012号');
    expect(applicationNumber({ year: 2026, regionCode: '511112000000', agencyName: '五通桥区法律援助中心', serial: 3, notified: true })).toBe('（2026）川五援通字第0003号');
  });

  it('counts the year in Shanghai, so New Year\'s morning there is already the new year', () => {
    expect(shanghaiYear('2025-12-31T16:30:00.000Z')).toBe(2026);
    expect(shanghaiYear('2025-12-31T15:59:59.000Z')).toBe(2025);
  });
});
