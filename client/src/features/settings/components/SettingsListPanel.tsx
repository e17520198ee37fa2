import type { ReactNode } from "react";
import { FormPanel } from "../../../components/FormPanel";
import { PagedList, type PagedConnection } from "../../../components/PagedList";
import type { UserErrorLike } from "../../../lib/user-errors";
import { SettingsNav } from "../SettingsNav";
import "../settings.css";

/**
 * A settings screen for the viewer allowed to manage it (`viewer.permissions`); for anyone else its title and why
 * not (the role's name and what it may not manage).
 */
export function SettingsGate({
  allowed,
  titleId,
  title,
  notAllowed,
  children,
}: {
  allowed: boolean;
  titleId: string;
  title: string;
  /** Why not, e.g. t("settings.notAllowed", …). */
  notAllowed: string;
  children: ReactNode;
}) {
  if (allowed) return <>{children}</>;
  return (
    <section className="settings" aria-labelledby={titleId}>
      <h1 id={titleId}>{title}</h1>
      <p className="notice">{notAllowed}</p>
    </section>
  );
}

/**
 * The layout of Settings → Users, API tokens and Webhooks: the settings nav; the title with the button that opens
 * the create panel in place (its open state in the URL, `open`/`onOpen`); the intro; the create form in a
 * FormPanel (Escape closes it); what the screen shows once above the list (a new secret); the status line of the
 * last row action; the paged list; and what goes below it (an endpoint's deliveries).
 */
export function SettingsListPanel<C extends PagedConnection>({
  titleId,
  title,
  intro,
  panelId,
  openLabel,
  open,
  onOpen,
  form,
  above,
  notice,
  connection,
  list,
  emptyText,
  after,
  onPage,
  below,
  children,
}: {
  titleId: string;
  title: string;
  intro: string;
  /** The id of the panel the open button controls. */
  panelId: string;
  openLabel: string;
  open: boolean;
  onOpen(open: boolean): void;
  /** The create form, shown while `open`. */
  form: ReactNode;
  above?: ReactNode;
  notice: string | null;
  connection: C | null | undefined;
  list: { loading: boolean; error?: unknown; refetch(): unknown };
  emptyText: string;
  after: string;
  onPage(after: string | null): void;
  below?: ReactNode;
  children(page: C): ReactNode;
}) {
  return (
    <section className="settings cust" aria-labelledby={titleId}>
      <SettingsNav />
      <div className="page-head">
        <h1 id={titleId}>{title}</h1>
        <button
          type="button"
          className={open ? undefined : "secondary"}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => onOpen(!open)}
        >
          {openLabel}
        </button>
      </div>
      <p className="hint">{intro}</p>
      <div id={panelId}>{open && <FormPanel onClose={() => onOpen(false)}>{form}</FormPanel>}</div>
      {above}
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <PagedList
        connection={connection}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={emptyText}
        after={after}
        onPage={onPage}
      >
        {children}
      </PagedList>
      {below}
    </section>
  );
}

/** A row action's refusal, under the row's buttons (useRowMutations' rowErrors). */
export function RowErrors({ errors }: { errors: readonly UserErrorLike[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {errors.map((e, i) => (
        <p key={i} data-code={e.code}>
          {e.message}
        </p>
      ))}
    </div>
  );
}

/** A row's confirmed action while row mutations run: busy on its own row and kind, disabled on the others. */
export function rowActionState<K extends string>(
  pending: { id: string; kind: K } | null,
  id: string,
  kind: K,
): { pending: boolean; disabled: boolean } {
  return { pending: pending?.id === id && pending.kind === kind, disabled: pending !== null && pending.id !== id };
}
