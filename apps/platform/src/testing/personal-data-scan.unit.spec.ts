import { unmaskedPersonalData } from './personal-data-scan';

describe('scanning text for unmasked personal data', () => {
  it('given an unmasked phone and ID number among masked ones, when scanned, then exactly those two are reported', () => {
    const text = JSON.stringify({ phone: '139****1234', id: '512022********0031', leaked: 'call 13990081234', idNo: '51202219850312003X' });

    expect(unmaskedPersonalData(text)).toEqual(['13990081234', '51202219850312003X']);
  });

  it('given a UUID whose last group holds an eleven-digit run, when scanned, then it is not taken for a phone', () => {
    expect(unmaskedPersonalData('{"matterId":"4f1d2c3b-9a8e-4b7c-8d6e-c18095393511"}')).toEqual([]);
  });

  it('given a phone right after a UUID, when scanned, then the phone is still reported', () => {
    expect(unmaskedPersonalData('4f1d2c3b-9a8e-4b7c-8d6e-c18095393511 13890005678')).toEqual(['13890005678']);
  });

  it('given a longer run of digits, when scanned, then no part of it is reported', () => {
    expect(unmaskedPersonalData('position 1399008123456789012345')).toEqual([]);
  });
});
