import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useI18n } from "../../../lib/i18n";
import { formErrors } from "../../../lib/user-errors";
import { useMutationForm } from "../../../lib/mutation-form";
import { FormErrors, FormField } from "../../../components/FormField";
import { useRequestsResolveMutation, useRequestsWithdrawMutation } from "../../../graphql/generated";
import { refetchOnSuccess } from "../../../lib/graphql";
import { useViewer } from "../../shell/viewer";
import { doItUrl, REQUEST_QUERIES, requestWhat, roleMayHandle, type RequestRow } from "../request-ui";
import "../messages";

type Mode = "fulfil" | "decline" | "withdraw";

/**
 * What the viewer can do with an OPEN request. The provider that received it: "Do it" (the prefilled page where
 * the work is done), "Mark fulfilled" once done, or "Decline" with a note to the reseller. The reseller that sent
 * it: "Withdraw". Each asks for confirmation inline; errors stay beside the buttons, success goes to `onDone`.
 */
export function RequestActions({
  request,
  showDoIt = true,
  onDone,
}: {
  request: RequestRow;
  /** Off on the page the "Do it" link leads to. */
  showDoIt?: boolean;
  onDone(message: string): void;
}) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const reasonId = useId();
  const [mode, setMode] = useState<Mode | null>(null);
  const [responseNote, setResponseNote] = useState("");
  const answer = useMutationForm();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // Refetch only when the answer was recorded: a refusal (userErrors) changed nothing.
  const [resolve] = useRequestsResolveMutation({
    refetchQueries: refetchOnSuccess((d) => d.resolveProviderRequest, REQUEST_QUERIES),
  });
  const [withdraw] = useRequestsWithdrawMutation({
    refetchQueries: refetchOnSuccess((d) => d.withdrawProviderRequest, REQUEST_QUERIES),
  });
  const pending = answer.pending;

  useEffect(() => {
    if (mode === "decline") noteRef.current?.focus();
    else if (mode) confirmRef.current?.focus();
  }, [mode]);

  if (request.status !== "OPEN") return null;
  const received = request.direction === "RECEIVED";
  const what = `${t(`requests.action.${request.action}`)}: ${requestWhat(t, request, locale)}`;
  const customer = request.customer?.name ?? t("requests.customerGone");
  const disabledReason = roleMayHandle(viewer.permissions, request.action)
    ? null
    : t("requests.roleCannot", { role: t(`role.${viewer.user.role}`) });
  const doIt = received && showDoIt ? doItUrl(request) : null;
  const { byField, general } = formErrors(answer.errors, mode === "decline" ? ["responseNote"] : []);

  async function run(next: Mode) {
    const input = { requestId: request.id };
    const done = await answer.submit(async () =>
      next === "withdraw"
        ? (await withdraw({ variables: { input } })).data?.withdrawProviderRequest
        : (
            await resolve({
              variables: {
                input: {
                  ...input,
                  outcome: next === "fulfil" ? "FULFILLED" : "DECLINED",
                  responseNote: next === "decline" ? responseNote.trim() || null : null,
                },
              },
            })
          ).data?.resolveProviderRequest,
    );
    if (!done) return;
    setMode(null);
    onDone(t(`requests.done.${next}`, { what, customer }));
  }

  function open(next: Mode) {
    answer.reset();
    setMode(mode === next ? null : next);
  }

  function submitDecline(e: FormEvent) {
    e.preventDefault();
    if (!pending) void run("decline");
  }

  const button = (kind: Mode, className: string) => (
    <button
      type="button"
      className={className}
      disabled={Boolean(disabledReason) || pending}
      aria-describedby={disabledReason ? reasonId : undefined}
      aria-expanded={mode === kind}
      onClick={() => open(kind)}
    >
      {t(`requests.do.${kind}`)}
      <span className="sr-only"> — {what}</span>
    </button>
  );

  return (
    <div id={answer.id} className="req-actions">
      <div className="sub-actions">
        {doIt && !disabledReason && (
          <Link className="req-doit" to={doIt}>
            {t("requests.doIt")}
            <span className="sr-only"> — {what}</span>
          </Link>
        )}
        {received ? (
          <>
            {button("fulfil", "secondary")}
            {button("decline", "secondary")}
          </>
        ) : (
          button("withdraw", "secondary")
        )}
      </div>
      {disabledReason && (
        <small id={reasonId} className="action-note">
          {disabledReason}
        </small>
      )}
      {(mode === "fulfil" || mode === "withdraw") && (
        <div
          className="confirm"
          role="group"
          aria-label={t(`requests.do.${mode}`)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && !pending) setMode(null);
          }}
        >
          <p>{t(`requests.confirm.${mode}`, { what, customer })}</p>
          <span className="form-actions">
            <button ref={confirmRef} type="button" disabled={pending} onClick={() => void run(mode)}>
              {pending ? t("common.saving") : t(`requests.confirmDo.${mode}`)}
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => setMode(null)}>
              {t("requests.keep")}
            </button>
          </span>
        </div>
      )}
      {mode === "decline" && (
        <form
          className="confirm"
          aria-label={t("requests.do.decline")}
          onSubmit={submitDecline}
          onKeyDown={(e) => {
            if (e.key === "Escape" && !pending) setMode(null);
          }}
          noValidate
        >
          <FormField
            label={t("requests.decline.note")}
            hint={t("requests.decline.noteHint")}
            errors={byField.responseNote}
          >
            <textarea
              ref={noteRef}
              rows={3}
              maxLength={1000}
              value={responseNote}
              onChange={(e) => setResponseNote(e.target.value)}
            />
          </FormField>
          <span className="form-actions">
            <button type="submit" className="danger" disabled={pending}>
              {pending ? t("common.saving") : t("requests.confirmDo.decline")}
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => setMode(null)}>
              {t("requests.keep")}
            </button>
          </span>
        </form>
      )}
      <FormErrors errors={general} />
    </div>
  );
}
