// A phase's registrations on their way to its judge (tools/check/run.ts): handed over as the
// program makes them, once the judge is ready, as the engine analyzes each registration.
import type { EngineResource } from "../lib/engine/monitor";
import type { PolicyReport } from "../lib/policy-runner";
import type { Judge, JudgeContext } from "./result";

/**
 * A phase's registrations handed to the judge as they are made, once it is ready (`Judge.begin`);
 * `finish` gives the phase's report, from the stream or, for a judge that judges afterwards,
 * from `analyze`.
 */
export function streamTo(judge: Judge | Promise<Judge>, ctx: JudgeContext) {
  const waiting: EngineResource[] = [];
  let session: ReturnType<NonNullable<Judge["begin"]>> | undefined;
  let ready: Judge | undefined;
  let closed = false;
  Promise.resolve(judge).then(
    (j) => {
      ready = j;
      if (closed || !j.begin) return;
      session = j.begin(ctx);
      for (const r of waiting.splice(0)) session.add(r);
    },
    () => undefined, // reported where the check awaits the judge
  );
  return {
    /** Forgets what a run that is being run again registered. */
    restart(): void {
      session?.abandon();
      waiting.length = 0;
      session = ready?.begin && !closed ? ready.begin(ctx) : undefined;
    },
    add(r: EngineResource): void {
      if (session) session.add(r);
      else if (!closed) waiting.push(r);
    },
    finish(j: Judge, resources: readonly EngineResource[]): Promise<PolicyReport> {
      closed = true;
      return session ? session.finish(resources) : j.analyze(ctx, resources);
    },
    abandon(): void {
      closed = true;
      session?.abandon();
    },
  };
}
