import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Link } from "react-router";
import { useGlobalSearchQuery } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { describeError } from "../../lib/errors";
import { customerUrl } from "../customers/urls";
import { subscriptionUrl } from "../subscriptions/urls";
import "../subscriptions/messages";
import "./search-messages";

/** The API's bounds (modules/search): shorter asks nothing, longer is cut by the input itself. */
const MIN_LENGTH = 2;
const MAX_LENGTH = 100;
const PER_GROUP = 5;
/** Typing pauses this long before a request: one request per word, not per key. */
const DEBOUNCE_MS = 250;

/** True when the key press is typing into a field (then "/" is a character, not the shortcut). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The header's search: customers (name, domain, tenant id) and subscriptions (offer, id) of the viewer's network.
 * A compact button in the header (the header keeps one row at 1280 px) opens a panel with the box; results are
 * links grouped by kind. Keyboard: "/" opens it with the focus in the box, arrow keys move through the results (and
 * back to the box), Enter opens one, Escape closes the panel and returns to the button.
 */
export function GlobalSearch() {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      openPanel();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const next = text.trim();
    const timer = setTimeout(() => setQuery(next.length >= MIN_LENGTH ? next : ""), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const { data, previousData, loading, error } = useGlobalSearchQuery({
    variables: { query, first: PER_GROUP },
    skip: query === "",
  });
  const found = query ? (data ?? previousData)?.search : undefined;
  const customers = found?.customers ?? [];
  const subscriptions = found?.subscriptions ?? [];
  const total = customers.length + subscriptions.length;
  const showResults = open && text.trim().length > 0;

  function openPanel() {
    setOpen(true);
    // Already open: straight to the box (otherwise the effect below does it once the panel shows).
    inputRef.current?.focus();
  }

  // Opened (by the button or "/"): the focus goes to the box, once the panel is shown.
  useEffect(() => {
    if (!open) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [open]);

  function close() {
    setOpen(false);
    toggleRef.current?.focus();
  }

  function chosen() {
    setOpen(false);
    setText("");
    setQuery("");
  }

  const links = () => [...(panelRef.current?.querySelectorAll<HTMLAnchorElement>("a[href]") ?? [])];

  /** Focus the result `by` away from `from` (-1: the box); above the first result is the box again. */
  function move(from: number, by: number) {
    const all = links();
    const to = from + by;
    if (to < 0) inputRef.current?.focus();
    else all[Math.min(to, all.length - 1)]?.focus();
  }

  function onInputKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      move(-1, 1);
    } else if (e.key === "Enter") {
      // Enter in the box opens the first result (the most relevant).
      const first = links()[0];
      if (first && showResults) {
        e.preventDefault();
        first.click();
      }
    }
  }

  function onLinkKey(e: KeyboardEvent<HTMLAnchorElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(links().indexOf(e.currentTarget), e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  }

  let status: string;
  if (text.trim().length < MIN_LENGTH) status = t("search.tooShort");
  else if (error) status = describeError(error, t).message;
  else if (!found || (loading && !data)) status = t("search.loading");
  else if (total === 0) status = t("search.none", { query });
  else {
    status = t("search.count", {
      customers: t("search.countOf.customers", { count: customers.length }),
      subscriptions: t("search.countOf.subscriptions", { count: subscriptions.length }),
    });
  }

  const link = (to: string, key: string, children: React.ReactNode) => (
    <li key={key}>
      <Link to={to} onKeyDown={onLinkKey} onClick={chosen}>
        {children}
      </Link>
    </li>
  );

  return (
    <div
      className="global-search"
      role="search"
      ref={wrapRef}
      onBlur={(e) => {
        if (!wrapRef.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="search-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-keyshortcuts="/"
        title={t("search.shortcut")}
        onClick={() => (open ? setOpen(false) : openPanel())}
      >
        <SearchIcon />
        <span className="sr-only">{t("search.label")}</span>
      </button>
      <div id={panelId} ref={panelRef} className="search-panel" hidden={!open}>
        <label htmlFor={`${panelId}-input`} className="sr-only">
          {t("search.label")}
        </label>
        <input
          id={`${panelId}-input`}
          ref={inputRef}
          type="search"
          value={text}
          maxLength={MAX_LENGTH}
          placeholder={t("search.placeholder")}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onInputKey}
        />
        <p className="search-status" role="status">
          {showResults ? status : ""}
        </p>
        {showResults && customers.length > 0 && (
          <section aria-labelledby={`${panelId}-c`}>
            <h2 id={`${panelId}-c`}>{t("search.customers")}</h2>
            <ul>
              {customers.map((c) =>
                link(
                  customerUrl(c.id),
                  c.id,
                  <>
                    <strong>{c.name}</strong> <small>{c.domain}</small>
                  </>,
                ),
              )}
            </ul>
          </section>
        )}
        {showResults && subscriptions.length > 0 && (
          <section aria-labelledby={`${panelId}-s`}>
            <h2 id={`${panelId}-s`}>{t("search.subscriptions")}</h2>
            <ul>
              {subscriptions.map((s) =>
                link(
                  subscriptionUrl(s.id),
                  s.id,
                  <>
                    <strong>{s.offerName}</strong>{" "}
                    <small>
                      {s.customer.name} · {t(`subscriptions.status.${s.status}`)}
                    </small>
                  </>,
                ),
              )}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

/** A magnifier drawn in SVG (symbol glyphs may render as empty boxes on Linux without a symbol font). */
function SearchIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 20 20">
      <circle cx="8.5" cy="8.5" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M13 13 L18 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
