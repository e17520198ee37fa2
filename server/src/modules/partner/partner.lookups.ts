import type { Failure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { decodeId, INVALID_ID, requireId } from "../../common/global-id";
import { ensure } from "../../common/ensure";
import { userError, UserErrorCode } from "../../common/user-error";
import { PartnerType } from "../../domain/enums";
import type { Loaders } from "../../loaders";
import type { ServiceContext } from "../../service-context";
import type { Partner } from "./partner.entity";

/**
 * The indirect reseller a provider names by global id: null when none was named (absent or empty); `notFound` when
 * the id is malformed, of another type, or names no indirect reseller.
 */
export async function findNamedReseller(
  loaders: Loaders,
  globalId: string | null | undefined,
  notFound: Failure,
): Promise<Partner | null> {
  const id = decodeId(globalId, "Partner");
  if (id === null) return null;
  const partner = id === INVALID_ID ? null : await loaders.partner.load(id);
  return ensure(partner?.types.includes(PartnerType.INDIRECT_RESELLER) ? partner : null, notFound);
}

/** Mutations: the named reseller, or a NOT_FOUND user error on `field`. */
export async function namedReseller(
  s: ServiceContext,
  globalId: string | null | undefined,
  field = "resellerId",
): Promise<Partner | null> {
  const reseller = await findNamedReseller(s.loaders, globalId, () =>
    userError(field, UserErrorCode.NOT_FOUND, s.t("RESELLER_NOT_FOUND")),
  );
  if (reseller) s.audit.target("Partner", reseller.id);
  return reseller;
}

/** Queries: the named reseller; BAD_USER_INPUT for an id that is not a Partner id, NOT_FOUND (error) for no reseller. */
export function namedResellerArg(
  loaders: Loaders,
  globalId: string | null | undefined,
  field: string,
): Promise<Partner | null> {
  if (globalId) requireId(globalId, "Partner", field);
  return findNamedReseller(loaders, globalId, () => notFound("Reseller", field));
}
