import { useCustomerRemoveRelationshipMutation } from "../../../graphql/generated";
import { refetchOnSuccess } from "../../../lib/graphql";
import { useMutationForm } from "../../../lib/mutation-form";
import type { DecisionView } from "../../../components/Reasons";
import { useViewer } from "../../shell/viewer";
import { RelationshipsPanel, type RelationshipRow } from "../components/RelationshipsPanel";
import { PAGE_QUERIES } from "./page-queries";

/** The customer's relationships, and "Remove relationship" (removeCustomerRelationship) for the viewer's partner. */
export function RelationshipsSection({
  customer,
  removal,
  removed,
  onRemovedChange,
  canManage,
}: {
  customer: { id: string; name: string; relationships: readonly RelationshipRow[] };
  /** The REMOVE_RELATIONSHIP decision for the viewer's partner. */
  removal: DecisionView | null;
  /** The relationship was just removed (the page says so even once the customer is out of sight). */
  removed: boolean;
  onRemovedChange(removed: boolean): void;
  /** The role and partner type can ever remove a relationship (not a read-only role, not an indirect reseller). */
  canManage: boolean;
}) {
  const viewer = useViewer();
  const [removeRelationship] = useCustomerRemoveRelationshipMutation({
    refetchQueries: refetchOnSuccess((d) => d.removeCustomerRelationship, PAGE_QUERIES),
  });
  const action = useMutationForm();

  async function remove() {
    onRemovedChange(false);
    const payload = await action.submit(
      async () =>
        (await removeRelationship({ variables: { input: { customerId: customer.id } } })).data
          ?.removeCustomerRelationship,
    );
    if (payload?.relationship) onRemovedChange(true);
  }

  return (
    <RelationshipsPanel
      customerName={customer.name}
      relationships={customer.relationships}
      viewerPartnerId={viewer.partner.id}
      removal={removal}
      pending={action.pending}
      errors={action.errors}
      removed={removed}
      canManage={canManage}
      onRemove={() => void remove()}
    />
  );
}
