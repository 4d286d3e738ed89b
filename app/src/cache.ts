// A value computed at most once per `ttlMs`; concurrent callers share one computation, and a
// failure is not cached (the next call tries again).

export interface Cached<T> {
  get(): Promise<T>;
  /** Forget the value: the next get() computes afresh. */
  invalidate(): void;
}

export function cached<T>(compute: () => Promise<T>, ttlMs: number): Cached<T> {
  let value: { data: T; at: number } | undefined;
  let inFlight: Promise<T> | undefined;
  let generation = 0;
  return {
    get() {
      if (value && Date.now() - value.at < ttlMs) return Promise.resolve(value.data);
      if (inFlight) return inFlight;
      const started = generation;
      const at = Date.now();
      inFlight = compute().then(
        (data) => {
          inFlight = undefined;
          // A result computed before an invalidate() is returned but not kept.
          if (started === generation) value = { data, at };
          return data;
        },
        (err: unknown) => {
          inFlight = undefined;
          throw err;
        },
      );
      return inFlight;
    },
    invalidate() {
      generation += 1;
      value = undefined;
      inFlight = undefined;
    },
  };
}
