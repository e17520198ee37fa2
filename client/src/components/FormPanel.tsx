import { useEffect, useRef, type ReactNode } from "react";

/**
 * A panel holding a form that opens in place (create customer, invite user, create API token…). Escape closes it
 * (unless an inner control, such as an inline confirmation, handled the key first), and when it closes, the focus
 * goes back to what had it when the panel opened — usually the button that opened it — instead of the page body.
 */
export function FormPanel({
  onClose,
  className = "panel",
  id,
  children,
}: {
  onClose(): void;
  className?: string;
  id?: string;
  children: ReactNode;
}) {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const back = opener.current;
      // Only when the focus would otherwise be lost (it was inside the panel, now gone).
      if (back?.isConnected && (document.activeElement === document.body || document.activeElement === null)) {
        back.focus();
      }
    };
  }, []);
  return (
    <div
      id={id}
      className={className}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      {children}
    </div>
  );
}
