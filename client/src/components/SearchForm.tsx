import type { FormEvent } from "react";
import { useDraft } from "../lib/use-draft";
import { FormField } from "./FormField";

/**
 * A search box that writes to the URL on submit (Enter or the button), not on every keystroke, so the history
 * holds one entry per search. It follows the URL when that changes (back button, "clear filters").
 */
export function SearchForm({
  label,
  buttonLabel,
  value,
  onSearch,
}: {
  label: string;
  buttonLabel: string;
  value: string;
  onSearch(value: string): void;
}) {
  const [draft, setDraft] = useDraft(value);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch(draft.trim());
  }

  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <FormField label={label}>
        <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
      </FormField>
      <button type="submit" className="secondary">
        {buttonLabel}
      </button>
    </form>
  );
}
