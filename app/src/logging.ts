// Request logging: one JSON line per request ("request completed", with method, URL, status
// and time) instead of two, which halves the volume sent to the log group; health probes,
// which arrive every few seconds, log at debug level only.
import { LogController, type FastifyReply, type FastifyRequest } from "fastify";

const PROBES = new Set(["/healthz", "/readyz"]);

export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else if (PROBES.has(request.url)) reply.log.debug(line, "request completed");
    else reply.log.info(line, "request completed");
  }
}
