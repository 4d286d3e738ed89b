// Graceful shutdown. ECS sends SIGTERM, waits stopTimeout (30 s by default), then SIGKILL. On
// the first SIGTERM or SIGINT the server stops accepting connections, answers 503 to new
// requests on kept-alive ones, lets in-flight requests finish, and exits; if that takes longer
// than the timeout, remaining connections are cut and the process exits with status 1.
import type { FastifyInstance } from "fastify";

export function installShutdown(
  app: FastifyInstance,
  timeoutMs: number,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, timeoutMs }, "shutting down");
    const timer = setTimeout(() => {
      app.log.error("shutdown timed out; closing remaining connections");
      app.server.closeAllConnections();
      exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        clearTimeout(timer);
        app.log.info("shutdown complete");
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        app.log.error({ err }, "shutdown failed");
        exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
