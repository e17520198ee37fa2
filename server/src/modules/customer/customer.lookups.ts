import { findByGlobalId } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import type { ServiceContext } from "../../service-context";
import type { Customer } from "./customer.entity";

/** A customer in the viewer's network, or a NOT_FOUND user error on `field`. */
export function visibleCustomer(
  s: ServiceContext,
  globalId: string | null | undefined,
  field = "customerId",
): Promise<Customer> {
  return findByGlobalId(
    globalId,
    "Customer",
    (id) => s.loaders.customer.load(id),
    () => userError(field, UserErrorCode.NOT_FOUND, s.t("CUSTOMER_NOT_FOUND")),
  );
}
