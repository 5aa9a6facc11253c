import { registerEnumType } from '@nestjs/graphql';

export enum IntakeChannelValue {
  WALK_IN = 'walk-in',
  HOTLINE = 'hotline',
  ONLINE = 'online',
  KIOSK = 'kiosk',
  REFERRAL = 'referral',
}
registerEnumType(IntakeChannelValue, { name: 'IntakeChannel', description: '受理渠道: 窗口 walk-in, 12348 hotline, 网络 online, 自助终端 kiosk, referral from an external organ.' });

export enum IdTypeValue {
  RESIDENT_ID = 'resident-id',
  PASSPORT = 'passport',
  OTHER = 'other',
}
registerEnumType(IdTypeValue, { name: 'IdType', description: '居民身份证 (checked against GB 11643), passport or another document.' });

export enum PartyKindValue {
  PERSON = 'person',
  ORGANISATION = 'organisation',
}
registerEnumType(PartyKindValue, { name: 'PartyKind' });

export enum FeedbackChannelValue {
  SMS = 'sms',
  PHONE = 'phone',
  IN_PERSON = 'in-person',
  ONLINE = 'online',
  POST = 'post',
}
registerEnumType(FeedbackChannelValue, { name: 'FeedbackChannel', description: '结果反馈方式.' });

export enum RatingLevelValue {
  VERY_SATISFIED = 'very-satisfied',
  SATISFIED = 'satisfied',
  BASICALLY_SATISFIED = 'basically-satisfied',
  DISSATISFIED = 'dissatisfied',
  VERY_DISSATISFIED = 'very-dissatisfied',
}
registerEnumType(RatingLevelValue, { name: 'RatingLevel', description: '好差评: 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 (国办发〔2019〕51号).' });

export enum DeadlineStatusValue {
  NONE = 'none',
  PENDING = 'pending',
  APPROACHING = 'approaching',
  OVERDUE = 'overdue',
}
registerEnumType(DeadlineStatusValue, { name: 'DeadlineStatus', description: 'Where the soonest open deadline stands now (限时办结).' });
