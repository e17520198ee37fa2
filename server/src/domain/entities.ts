import { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import { User } from "../modules/user/user.entity";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerRelationship } from "../modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../modules/subscription/customer-subscription.entity";
import { Transfer, TransferLine } from "../modules/transfer/transfer.entity";
import { ProviderRequest } from "../modules/provider-request/provider-request.entity";

export const entities = [
  Partner,
  ResellerPartnership,
  User,
  Customer,
  CustomerRelationship,
  CustomerSubscription,
  Transfer,
  TransferLine,
  ProviderRequest,
];
export {
  Partner,
  ResellerPartnership,
  User,
  Customer,
  CustomerRelationship,
  CustomerSubscription,
  Transfer,
  TransferLine,
  ProviderRequest,
};
