import { registerEnumType } from "type-graphql";

// The lists a view is saved for: apart from the rules (saved-view.rules.ts), so the entity loads without the list
// modules (entities.ts is loaded by the data source, which the list modules reach).
export enum SavedViewList {
  CUSTOMERS = "CUSTOMERS",
  SUBSCRIPTIONS = "SUBSCRIPTIONS",
  RESELLERS = "RESELLERS",
  TRANSFERS = "TRANSFERS",
  REQUESTS = "REQUESTS",
}
registerEnumType(SavedViewList, { name: "SavedViewList", description: "The lists a view can be saved for." });
