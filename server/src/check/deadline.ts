// Time limits, cancellation and bounded concurrency for the checker's steps. Uses only
// standard timers and AbortController; no node:* imports.

/** The error a step's signal carries when its time limit runs out. */
export class StepTimeout extends Error {
  readonly code = 'ETIMEOUT';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

export interface StepLimit {
  readonly signal: AbortSignal;
  /** True when the limit ran out (as opposed to the caller cancelling). */
  timedOut(): boolean;
  /** Clears the timer; call when the step ends. */
  dispose(): void;
}

/**
 * Callbacks waiting for each parent signal, behind one listener per parent: a check runs many
 * steps at once (two lookups per MX host), and more than ten listeners on one signal make Node
 * print a MaxListenersExceededWarning.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(parent: AbortSignal, fn: () => void): () => void {
  let set = waiting.get(parent);
  if (!set) {
    const fns = new Set<() => void>();
    waiting.set(parent, (set = fns));
    parent.addEventListener('abort', () => {
      for (const f of [...fns]) f();
    }, { once: true });
  }
  set.add(fn);
  return () => set.delete(fn);
}

/** A signal that aborts after `ms` or when `parent` aborts, whichever comes first. */
export function stepLimit(ms: number, parent: AbortSignal): StepLimit {
  const ctl = new AbortController();
  let expired = false;
  const onParent = () => ctl.abort(parent.reason);
  const timer = setTimeout(() => {
    expired = true;
    ctl.abort(new StepTimeout(ms));
  }, ms);
  let stop = () => {};
  if (parent.aborted) onParent();
  else stop = onAbort(parent, onParent);
  return {
    signal: ctl.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      stop();
    },
  };
}

/** Throws the parent's reason when the caller cancelled; otherwise returns. */
export function throwIfCancelled(parent: AbortSignal): void {
  if (parent.aborted) throw parent.reason instanceof Error ? parent.reason : new Error('cancelled');
}

/** Maps `items` through `fn` with at most `limit` running at once, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** A short message for an error from the environment. */
export function describeError(e: unknown): string {
  if (e instanceof StepTimeout) return e.message;
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : null;
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    EPIPE: 'connection closed by the server',
  };
  if (code && known[code]) return known[code]!;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}
