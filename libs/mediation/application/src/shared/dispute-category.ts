import type { DisputeCategory } from '@pls/mediation-domain';

/**
 * The front desk's catalogue has one entry for mediation ('mediation'), so the reactor reads the
 * category off the description; the first matching word wins and 'other' is the fallback. The
 * mediator sees the description and the category together.
 */
const KEYWORDS: readonly [DisputeCategory, readonly string[]][] = [
  ['traffic', ['交通', '车祸', '撞']],
  ['medical', ['医疗', '医院', '手术']],
  ['labour', ['工资', '劳动', '欠薪', '工伤']],
  ['marriage-family', ['婚姻', '离婚', '家庭', '赡养', '抚养']],
  ['inheritance', ['继承', '遗产']],
  ['housing-homestead', ['宅基地', '房屋']],
  ['land', ['土地', '承包地', '林地']],
  ['neighbours', ['邻里', '邻居']],
  ['property-management', ['物业']],
  ['contract-debt', ['借款', '欠款', '合同', '债']],
  ['e-commerce', ['网购', '电商']],
  ['food-safety', ['食品']],
  ['personal-injury', ['受伤', '伤害', '人身损害']],
];

export function categoryFromDescription(description: string): DisputeCategory {
  return KEYWORDS.find(([, words]) => words.some((word) => description.includes(word)))?.[0] ?? 'other';
}
