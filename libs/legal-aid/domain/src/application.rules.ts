import type { Application, MeansCheck } from './application.state';
import type { CaseCategory, HardshipExemption, LawyerProfile, MaterialItem, LawyerRef, NotificationReason, OtherOpenMatter, TerminationGround, UrgentAidGround } from './application.types';

export const MINORS_SPECIALTY = 'minors';
export const LIFE_OR_DEATH_MIN_CRIMINAL_DEFENCE_YEARS = 3;
/** Art. 44 (verify): a limitation period expiring within this many days makes a case urgent. */
export const URGENT_LIMITATION_WITHIN_DAYS = 7;
/** Art. 39: hours a detention place or duty lawyer has to forward an application. */
export const FORWARDING_HOURS = 24;

const DAY_MS = 24 * 60 * 60 * 1000;

// Art. 42: no hardship check for minors, elderly/disabled without fixed income, assistance and care recipients, migrant workers' wage or work-injury claims.
export const art42ExemptsFromMeansCheck = (exemption: HardshipExemption | null): boolean => exemption?.article === 42 && exemption.grounds.length > 0;

// Art. 32: no hardship condition for martyrs' relatives, 见义勇为, compensation after acquittal on retrial, victims of abuse, abandonment or domestic violence.
export const art32RemovesHardshipCondition = (exemption: HardshipExemption | null): boolean => exemption?.article === 32 && exemption.grounds.length > 0;

// Arts. 25, 28, 36: a notified defence rests on the organ's notice; there is no means test.
export const notifiedDefenceNeedsNoMeansTest = (application: Application): boolean => application.source.kind === 'notified-defence';

// Arts. 32, 41, 42: the means check is needed unless an exemption applies.
export const meansCheckRequired = (application: Application): boolean =>
  !notifiedDefenceNeedsNoMeansTest(application) && !art42ExemptsFromMeansCheck(application.means.exemption) && !art32RemovesHardshipCondition(application.means.exemption);

// Art. 41: hardship is established by the check (data sharing or 个人诚信承诺) unless no check is required.
export const hardshipSatisfied = (application: Application, means: MeansCheck | null): boolean =>
  !meansCheckRequired(application) || means?.result === 'meets';

// Art. 42(1): the minor ground is for an applicant under 18.
export const minorGroundNeedsMinor = (exemption: HardshipExemption | null, applicantIsMinor: boolean): boolean =>
  !(exemption?.article === 42 && exemption.grounds.includes('minor')) || applicantIsMinor;

// Art. 32(3): the retrial-acquittal ground is a state-compensation claim.
export const retrialGroundNeedsStateCompensation = (exemption: HardshipExemption | null, category: CaseCategory): boolean =>
  !(exemption?.article === 32 && exemption.grounds.includes('state-compensation-after-retrial-acquittal')) || category.kind === 'state-compensation';

// Arts. 25, 28: the organs notify in criminal proceedings (including compulsory medical treatment).
export const notifiedDefenceIsCriminal = (category: CaseCategory): boolean => category.kind === 'criminal';

// Art. 25(1)4: a notice for a possible life or death sentence makes it a life-or-death case.
export const isLifeOrDeathCase = (category: CaseCategory, reason: NotificationReason | null): boolean =>
  (category.kind === 'criminal' && category.lifeOrDeathPossible) || reason === 'life-imprisonment-or-death';

// Art. 25(1)1, 实施工作办法: a minor applicant or a notice for a minor makes it a minors' case.
export const isMinorsCase = (applicantIsMinor: boolean, reason: NotificationReason | null): boolean => applicantIsMinor || reason === 'minor';

// Art. 39: a detained person's application is forwarded within 24 hours.
export const forwardedWithin24Hours = (requestedAtMs: number, forwardedAtMs: number): boolean => forwardedAtMs - requestedAtMs <= FORWARDING_HOURS * 60 * 60 * 1000;

// 一次性告知: the missing materials are listed in one notice, with a deadline after the notice.
export const materialsNoticeListsAll = (items: readonly string[]): boolean => items.length > 0;

// 实施工作办法: an application counts as withdrawn only once the materials deadline passed unanswered.
export const materialsDeadlinePassed = (nowMs: number, dueAt: string): boolean => nowMs > Date.parse(dueAt);

// Art. 44 (verify): aid first when the limitation period expires within 7 days or preservation is urgent.
export const urgentAidNeedsUrgency = (ground: UrgentAidGround, limitationExpiresAtMs: number | null, nowMs: number): boolean =>
  ground === 'urgent-preservation' || (limitationExpiresAtMs !== null && limitationExpiresAtMs > nowMs && limitationExpiresAtMs - nowMs <= URGENT_LIMITATION_WITHIN_DAYS * DAY_MS);

// Art. 43: a denial is in writing with its reasons.
export const denialNeedsReasons = (reasons: readonly string[]): boolean => reasons.length > 0;

// Art. 26: life imprisonment or death cases go to lawyers with ≥3 years of criminal defence.
export const lifeOrDeathCaseNeedsThreeYearsCriminalDefence = (application: Application, lawyer: LawyerProfile): boolean =>
  !application.lifeOrDeathCase || lawyer.criminalDefenceYears >= LIFE_OR_DEATH_MIN_CRIMINAL_DEFENCE_YEARS;

// 未成年人保护法 Art. 101, 实施工作办法: minors' cases go to lawyers familiar with minors.
export const minorsCaseNeedsMinorsSpecialist = (application: Application, lawyer: LawyerProfile): boolean =>
  !application.minorsCase || lawyer.specialties.includes(MINORS_SPECIALTY);

const sameName = (a: string, b: string): boolean => a.trim() === b.trim();

// 律师执业管理办法 Art. 28 / 律师法 Art. 39: no lawyer or firm acting for the adverse party, here or in another open matter.
export const lawyerMustNotActForAdverseParty = (application: Application, lawyer: LawyerRef, otherOpenMatters: readonly OtherOpenMatter[]): boolean => {
  const adverse = application.adverseParty;
  if (adverse === null) return true;
  const here = adverse.representedBy;
  if (here !== null && (here.lawyerId === lawyer.lawyerId || here.firmId === lawyer.firmOrgId)) return false;
  return !otherOpenMatters.some(
    (matter) => (matter.lawyerId === lawyer.lawyerId || matter.firmOrgId === lawyer.firmOrgId) && matter.adversePartyNames.some((name) => sameName(name, adverse.name)),
  );
};

// 实施工作办法: an assignment respects the lawyer's case load.
export const lawyerHasCapacity = (lawyer: LawyerProfile): boolean => lawyer.openCases < lawyer.maxConcurrentCases;

// A lawyer who declined the application is not assigned to it again.
export const declinedLawyerNotReassigned = (declinedBy: readonly LawyerRef[], lawyer: LawyerRef): boolean => !declinedBy.some((declined) => declined.lawyerId === lawyer.lawyerId);

// Art. 48(4): a change of means ends aid only where means were a condition of it.
export const terminationGroundApplies = (application: Application, ground: TerminationGround): boolean =>
  ground !== 'means-changed' || meansCheckRequired(application);

// 办案补贴: no subsidy for a case that fails the quality review.
export const failedReviewPaysNoSubsidy = (quality: string, subsidyYuan: number): boolean => quality !== 'fail' || subsidyYuan === 0;

// 限时办结: done on time means done by the end of the deadline.
export const doneOnTime = (doneAtMs: number, dueAt: string): boolean => doneAtMs <= Date.parse(dueAt);

// 容缺受理 is a pilot practice (DOMAIN.md §5.1): only where the region's justice bureau has allowed it.
export const acceptWithMaterialsOutstandingAllowed = (regionAllows: boolean): boolean => regionAllows;

// 容缺受理 defers secondary materials only; what identifies the applicant and the claim is needed at once.
export const onlyNonEssentialMaterialsOutstanding = (items: readonly MaterialItem[]): boolean => items.every((item) => !item.essential);
