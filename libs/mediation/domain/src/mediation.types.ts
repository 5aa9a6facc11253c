/** Vocabulary of the Mediation aggregate (人民调解, 人民调解法 2010). */

/** DOMAIN.md §5.2: the dispute categories the committees report on. */
export const DISPUTE_CATEGORIES = [
  'marriage-family',
  'inheritance',
  'neighbours',
  'contract-debt',
  'housing-homestead',
  'land',
  'personal-injury',
  'traffic',
  'medical',
  'labour',
  'property-management',
  'intellectual-property',
  'e-commerce',
  'food-safety',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

/** 诉前委派 (court), 警调对接 (police), 访调对接 (petitions office). */
export const REFERRING_ORGANS = ['court', 'police', 'petitions-office'] as const;
export type ReferringOrgan = (typeof REFERRING_ORGANS)[number];

export const MEDIATOR_CHOSEN_BY = ['committee', 'parties'] as const;
export type MediatorChosenBy = (typeof MEDIATOR_CHOSEN_BY)[number];

/** Art. 26: where mediation fails, the parties are told of these routes. */
export const OTHER_ROUTES = ['arbitration', 'administrative', 'litigation'] as const;
export type OtherRoute = (typeof OTHER_ROUTES)[number];

export const CONFIRMATION_RULINGS = ['valid', 'dismissed'] as const;
export type ConfirmationRuling = (typeof CONFIRMATION_RULINGS)[number];

export const PERFORMANCE_OUTCOMES = ['performed', 'partly-performed', 'not-performed'] as const;
export type PerformanceOutcome = (typeof PERFORMANCE_OUTCOMES)[number];

export type MediationSource =
  | { readonly kind: 'front-desk'; readonly frontDesk: { readonly matterId: string; readonly caseCode: string } }
  /** 矛盾纠纷排查: the committee takes the dispute up on its own initiative (Art. 18). */
  | { readonly kind: 'screening'; readonly screening: { readonly recordNo: string; readonly screenedAt: string; readonly note: string } }
  | {
      readonly kind: 'referral';
      readonly referral: {
        readonly organ: ReferringOrgan;
        readonly orgId: string;
        /** The organ's own reference (the court's 诉前调解 number, the police report number…). */
        readonly referenceNo: string;
        /** 诉前委派: the court's deadline for the mediation; null for other organs unless they set one. */
        readonly dueAt: string | null;
      };
    };

export type Party =
  | { readonly partyId: string; readonly kind: 'person'; readonly name: string; readonly idNumber: string; readonly phone: string | null }
  | { readonly partyId: string; readonly kind: 'organisation'; readonly name: string; readonly uscc: string };

export interface MediatorRef {
  readonly userId: string;
  readonly orgId: string;
  readonly name: string;
}

/** A relation the mediator declared (or the directory knows) to a party of this dispute. */
export interface MediatorRelation {
  readonly partyId: string;
  /** 近亲属, 同事, 利害关系… as declared. */
  readonly relation: string;
}

export interface StaffRef {
  readonly userId: string;
  readonly orgId: string;
}

/** Who signs a written agreement: each party by id, and the mediator (with the committee seal). */
export type Signatory = string;
export const MEDIATOR_SIGNATORY = 'mediator';

/**
 * The front desk's reply section, copied from `@pls/intake-contracts` (`FrontDeskReply`, line
 * 'mediation'): a domain may not import another context's contracts, so the shape is duplicated
 * here and must be kept equal to the published one.
 */
export type FrontDeskReply =
  | { readonly kind: 'accepted'; readonly matterId: string; readonly line: 'mediation'; readonly orgId: string; readonly backOfficeCaseNo: string; readonly at: string }
  | { readonly kind: 'progress'; readonly matterId: string; readonly line: 'mediation'; readonly orgId: string; readonly note: string; readonly at: string }
  | {
      readonly kind: 'result';
      readonly matterId: string;
      readonly line: 'mediation';
      readonly orgId: string;
      readonly outcome: 'completed' | 'denied' | 'terminated' | 'withdrawn';
      readonly summary: string;
      readonly at: string;
    };
