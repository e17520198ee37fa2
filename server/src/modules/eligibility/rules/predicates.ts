import { PartnerType, ProgramStatus } from "../../../domain/enums";
import type { PartnerFacts } from "../facts";

/** A partner that can bill CSP subscriptions itself. */
export const canTransact = (p: PartnerFacts): boolean =>
  p.types.includes(PartnerType.DIRECT_BILL) || p.types.includes(PartnerType.INDIRECT_PROVIDER);

/** An indirect reseller with no direct-bill or provider role: it acts through its provider. */
export const isOnlyIndirectReseller = (p: PartnerFacts): boolean =>
  p.types.includes(PartnerType.INDIRECT_RESELLER) && !canTransact(p);

/** An indirect provider that is not also direct-bill: it sells through resellers. */
export const isIndirectProviderOnly = (p: PartnerFacts): boolean =>
  p.types.includes(PartnerType.INDIRECT_PROVIDER) && !p.types.includes(PartnerType.DIRECT_BILL);

export const isActive = (p: PartnerFacts): boolean => p.programStatus === ProgramStatus.ACTIVE;
