import { categoryFromDescription } from './dispute-category';

describe('the dispute category read off a front-desk description', () => {
  it('reads a traffic accident, a wage dispute and a homestead quarrel, and falls back to other', () => {
    expect(categoryFromDescription('村道被三轮车撞伤，交通事故赔偿纠纷')).toBe('traffic');
    expect(categoryFromDescription('与包工头就拖欠工资发生纠纷')).toBe('labour');
    expect(categoryFromDescription('宅基地界址争议')).toBe('housing-homestead');
    expect(categoryFromDescription('其他矛盾')).toBe('other');
  });
});
