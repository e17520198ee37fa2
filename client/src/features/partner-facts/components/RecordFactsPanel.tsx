import { FormPanel } from "../../../components/FormPanel";
import { useRecordPartnerFactsMutation, type PartnerFact } from "../../../graphql/generated";
import { useMutationForm } from "../../../lib/mutation-form";
import { RecordFactsForm, type FactsOfPartner, type RecordFactsValues } from "./RecordFactsForm";

/**
 * recordPartnerFacts in a panel that opens in place (Escape or Cancel closes it, the focus goes back to the button
 * that opened it). The payload's partner refreshes every view of it through the cache (same id); `onDone` gets
 * control back on success, userErrors stay beside their fields.
 */
export function RecordFactsPanel({
  partnerId,
  partner,
  facts,
  title,
  intro,
  onClose,
  onDone,
}: {
  partnerId: string;
  partner: FactsOfPartner;
  facts: readonly PartnerFact[];
  title: string;
  intro: string;
  onClose(): void;
  onDone(): void;
}) {
  const form = useMutationForm();
  const [record] = useRecordPartnerFactsMutation();

  async function onSubmit(values: Partial<RecordFactsValues>) {
    const payload = await form.submit(
      async () => (await record({ variables: { input: { partnerId, ...values } } })).data?.recordPartnerFacts,
    );
    if (payload?.partner) onDone();
  }

  return (
    <FormPanel onClose={onClose}>
      <RecordFactsForm
        partner={partner}
        facts={facts}
        title={title}
        intro={intro}
        form={form}
        onSubmit={(v) => void onSubmit(v)}
        onCancel={onClose}
      />
    </FormPanel>
  );
}
