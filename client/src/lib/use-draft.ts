import { useState } from "react";

/**
 * Local state that starts from `value` and starts again from it whenever `value` changes: the draft of something
 * kept elsewhere, e.g. a search box over the URL's search (the back button or "Clear filters" change the URL, and
 * the box follows). Adjusted during render, React's pattern for state that depends on a changed prop.
 */
export function useDraft<T>(value: T) {
  const [draft, setDraft] = useState(value);
  const [source, setSource] = useState(value);
  if (!Object.is(source, value)) {
    setSource(value);
    setDraft(value);
  }
  return [draft, setDraft] as const;
}
