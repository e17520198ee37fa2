// "After the first screen is up": the app's GraphQL requests are counted as they go out and come back; once they
// have all come back and none has started for QUIET_MS (the screen rendered its data and asked for nothing more),
// the work waits for the browser to be idle (requestIdleCallback, or a plain timeout where there is none) and runs.
// Used to preload other screens' chunks without competing with the first screen's own requests and rendering.

/** No request for this long after the last one came back: the first screen has what it asked for. */
export const QUIET_MS = 300;
/** Nothing was asked at all (a screen without data): run anyway after this long. */
export const NOTHING_ASKED_MS = 5_000;
/** requestIdleCallback's deadline: on a page that is never idle, run after this long anyway. */
export const IDLE_TIMEOUT_MS = 3_000;

type Listener = () => void;

let inFlight = 0;
let lastChange = 0;
const listeners = new Set<Listener>();

function changed(delta: 1 | -1) {
  inFlight += delta;
  lastChange = Date.now();
  for (const listener of [...listeners]) listener();
}

/** `fetch` for the app's HttpLink: the same, counted. */
export const countedFetch: typeof fetch = async (input, init) => {
  changed(1);
  try {
    return await fetch(input, init);
  } finally {
    changed(-1);
  }
};

/** The GraphQL requests started and not yet answered (for tests). */
export function requestsInFlight(): number {
  return inFlight;
}

function whenIdle(work: () => void): () => void {
  if (typeof window !== "undefined" && typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}

/**
 * Runs `work` once, on idle, after the first content: every request answered and QUIET_MS without a new one (or
 * NOTHING_ASKED_MS when no request was made at all). Returns a cancel function.
 */
export function afterFirstContent(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | undefined;
  const since = Date.now();
  let asked = inFlight > 0;
  let done = false;
  const stop = () => {
    listeners.delete(check);
    if (timer !== undefined) clearTimeout(timer);
  };
  const fire = () => {
    if (done) return;
    done = true;
    stop();
    cancelIdle = whenIdle(work);
  };
  function check() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (inFlight > 0) {
      asked = true;
      return;
    }
    const quietFor = Date.now() - Math.max(lastChange, since);
    timer = setTimeout(fire, Math.max(0, (asked ? QUIET_MS : NOTHING_ASKED_MS) - quietFor));
  }
  listeners.add(check);
  check();
  return () => {
    done = true;
    stop();
    cancelIdle?.();
  };
}
