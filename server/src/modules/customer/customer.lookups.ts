import { findByGlobalId } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import { RelationshipStatus } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import type { Customer } from "./customer.entity";
import { CustomerRelationship } from "./customer-relationship.entity";

/** A customer in the viewer's network, or a NOT_FOUND user error on `field`. */
export async function visibleCustomer(
  s: ServiceContext,
  globalId: string | null | undefined,
  field = "customerId",
): Promise<Customer> {
  const customer = await findByGlobalId(
    globalId,
    "Customer",
    (id) => s.loaders.customer.load(id),
    () => userError(field, UserErrorCode.NOT_FOUND, s.t("CUSTOMER_NOT_FOUND")),
  );
  s.audit.target("Customer", customer.id);
  return customer;
}

/** The viewer's partner itself (not its network) holds an ACTIVE relationship with the customer (R1). */
export function hasActiveRelationship(s: ServiceContext, customer: Customer): Promise<boolean> {
  return s.em
    .getRepository(CustomerRelationship)
    .existsBy({ customerId: customer.id, partnerId: s.actor.id, status: RelationshipStatus.ACTIVE });
}
