import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import {
  useSavedViewCreateMutation,
  useSavedViewDeleteMutation,
  useSavedViewsQuery,
  useSavedViewUpdateMutation,
  type SavedViewFieldsFragment,
  type SavedViewList,
} from "../graphql/generated";
import { refetchOnSuccess } from "../lib/graphql";
import { useI18n } from "../lib/i18n";
import { useMutationForm, type MutationForm } from "../lib/mutation-form";
import { fieldError, formErrors } from "../lib/user-errors";
import { ConfirmButton } from "./ConfirmButton";
import { FormErrors, FormField } from "./FormField";
import "./list-messages";

const REFETCH = ["SavedViews"];

/** The list's filter as the URL holds it: only the filter keys, in the URL's order ("" for none). */
export function filterQuery(search: URLSearchParams, filterKeys: readonly string[]): string {
  const kept = new URLSearchParams();
  for (const [key, value] of search) if (filterKeys.includes(key) && value) kept.append(key, value);
  return kept.toString();
}

/** The URL a view opens: its filter and sort, on the first page (size and other screen state dropped). */
function viewSearch(view: Pick<SavedViewFieldsFragment, "filter" | "orderBy">): URLSearchParams {
  const next = new URLSearchParams(view.filter);
  if (view.orderBy) next.set("sort", view.orderBy);
  return next;
}

/**
 * The user's saved views of a list: open one (its filter and sort replace the URL's), save the current filter and
 * sort under a name, rename or delete the open one. Views are per user (the server keeps them); saving needs the
 * roles that manage subscriptions (`canSave`; others may still open their views).
 */
export function SavedViews({
  list,
  filterKeys,
  canSave,
}: {
  list: SavedViewList;
  /** The URL keys that make the list's filter (not paging, sort or open panels). */
  filterKeys: readonly string[];
  canSave: boolean;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const views = useSavedViewsQuery({ variables: { list } });
  const current = { filter: filterQuery(search, filterKeys), orderBy: search.get("sort") || null };
  const all = views.data?.savedViews ?? [];
  // The open view is the one whose filter and sort are the URL's: it stays marked until the list changes.
  const open = all.find((v) => v.filter === current.filter && (v.orderBy ?? null) === current.orderBy) ?? null;
  const [mode, setMode] = useState<"idle" | "save" | "rename">("idle");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useMutationForm();
  const [create] = useSavedViewCreateMutation({ refetchQueries: refetchOnSuccess((d) => d.createSavedView, REFETCH) });
  const [update] = useSavedViewUpdateMutation({ refetchQueries: refetchOnSuccess((d) => d.updateSavedView, REFETCH) });
  const [remove, removing] = useSavedViewDeleteMutation({
    refetchQueries: refetchOnSuccess((d) => d.deleteSavedView, REFETCH),
  });
  const [deleteErrors, setDeleteErrors] = useState<Parameters<typeof FormErrors>[0]["errors"]>([]);

  function apply(id: string) {
    const view = all.find((v) => v.id === id);
    setNotice(null);
    setMode("idle");
    form.reset();
    if (view) setSearch(viewSearch(view));
  }

  async function submit(name: string) {
    setNotice(null);
    const validate = () => (name.trim() ? [] : [fieldError("name", t("list.views.nameRequired"))]);
    if (mode === "rename" && open) {
      const payload = await form.submit(
        async () => (await update({ variables: { input: { id: open.id, name: name.trim() } } })).data?.updateSavedView,
        { validate },
      );
      if (payload?.savedView) {
        setNotice(t("list.views.renamed", { name: payload.savedView.name }));
        setMode("idle");
      }
      return;
    }
    const input = { list, name: name.trim(), filter: current.filter, orderBy: current.orderBy };
    const payload = await form.submit(async () => (await create({ variables: { input } })).data?.createSavedView, {
      validate,
    });
    if (payload?.savedView) {
      setNotice(t("list.views.saved", { name: payload.savedView.name }));
      setMode("idle");
    }
  }

  async function onDelete(view: SavedViewFieldsFragment) {
    setNotice(null);
    setDeleteErrors([]);
    try {
      const res = await remove({ variables: { input: { id: view.id } } });
      const errors = res.data?.deleteSavedView.userErrors ?? [];
      if (errors.length) setDeleteErrors(errors);
      else setNotice(t("list.views.deleted", { name: view.name }));
    } catch {
      setDeleteErrors([fieldError("id", t("list.views.deleteFailed"))]);
    }
  }

  return (
    <div className="saved-views" role="group" aria-label={t("list.views")}>
      <FormField label={t("list.views.choose")}>
        <select value={open?.id ?? ""} onChange={(e) => apply(e.target.value)} disabled={all.length === 0}>
          <option value="">{all.length ? t("list.views.current") : t("list.views.none")}</option>
          {all.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </FormField>
      {canSave && mode === "idle" && (
        <div className="saved-views-actions">
          <button type="button" className="secondary" onClick={() => setMode("save")}>
            {t("list.views.saveAs")}
          </button>
          {open && (
            <>
              <button type="button" className="secondary" onClick={() => setMode("rename")}>
                {t("list.views.rename")}
              </button>
              <ConfirmButton
                label={t("list.views.delete")}
                accessibleLabel={t("list.views.deleteLabel", { name: open.name })}
                question={t("list.views.deleteConfirm", { name: open.name })}
                confirmLabel={t("list.views.delete")}
                layout="swap"
                pending={removing.loading}
                onConfirm={() => void onDelete(open)}
              />
            </>
          )}
        </div>
      )}
      {canSave && mode !== "idle" && (
        <ViewNameForm
          key={mode}
          form={form}
          initial={mode === "rename" ? (open?.name ?? "") : ""}
          submitLabel={mode === "rename" ? t("list.views.renameSubmit") : t("list.views.save")}
          onSubmit={(name) => void submit(name)}
          onCancel={() => {
            form.reset();
            setMode("idle");
          }}
        />
      )}
      <FormErrors errors={deleteErrors} />
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
    </div>
  );
}

function ViewNameForm({
  form,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  form: MutationForm;
  initial: string;
  submitLabel: string;
  onSubmit(name: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initial);
  const { byField, general } = formErrors(form.errors, ["name"]);
  return (
    <form
      id={form.id}
      className="saved-views-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit(name);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <FormErrors errors={general} />
      <FormField label={t("list.views.name")} errors={byField.name}>
        <input value={name} maxLength={100} autoFocus onChange={(e) => setName(e.target.value)} />
      </FormField>
      <button type="submit" disabled={form.pending}>
        {submitLabel}
      </button>{" "}
      <button type="button" className="secondary" onClick={onCancel}>
        {t("list.views.cancel")}
      </button>
    </form>
  );
}
