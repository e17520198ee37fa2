import { Field, ObjectType } from "type-graphql";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";

@ObjectType({
  description:
    "What the global search found in the viewer's network, each group most relevant first (exact id, tenant id, domain or catalog offer id; then names that start with the text; then names that contain it).",
})
export class SearchResults {
  @Field(() => [Customer], { description: "Customers by name, domain or tenant id." })
  customers: Customer[];

  @Field(() => [CustomerSubscription], { description: "Subscriptions by offer name, catalog offer id or id." })
  subscriptions: CustomerSubscription[];
}
