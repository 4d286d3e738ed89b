// An HTTP proxy in front of the local S3 that injects faults, per S3 operation: hang (accept the
// request, never answer), reset (drop the connection with a TCP RST), error500 (S3's
// InternalError), no-etag (forward, but remove the ETag from the answer: the header, and the
// <ETag> element of an XML body such as CompleteMultipartUpload's), delay (forward after
// `delayMs`). Everything else is forwarded unchanged, the Host header included, so the SDK's
// signatures still verify at the local S3. Every request is recorded with the fault it got.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { operationName } from "./local-s3";

export type Fault = "pass" | "hang" | "reset" | "error500" | "no-etag" | "delay";

/** Picks the fault for a request: its operation and how many of those came before (1-based). */
export type FaultRule = (operation: string, count: number) => Fault;

export interface ProxiedRequest {
  readonly operation: string;
  readonly fault: Fault;
}

// S3 API error response, as S3 sends it with a 500 (S3 API Reference, "Error responses").
const INTERNAL_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code>' +
  "<Message>We encountered an internal error. Please try again.</Message></Error>";

export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  rule: FaultRule = () => "pass";
  delayMs = 0;
  private readonly counts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
    readonly endpoint: string,
  ) {}

  /** Starts on 127.0.0.1 with a free port, forwarding to `upstream` (the local S3). */
  static async start(upstream: string): Promise<FaultProxy> {
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => proxy!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    proxy = new FaultProxy(server, new URL(upstream), `http://127.0.0.1:${port}`);
    server.on("connection", (socket: Socket) => {
      proxy!.sockets.add(socket);
      socket.on("close", () => proxy!.sockets.delete(socket));
    });
    return proxy;
  }

  /** Forgets the requests and their counts, and passes everything again. */
  reset(): void {
    this.requests.length = 0;
    this.counts.clear();
    this.rule = () => "pass";
    this.delayMs = 0;
  }

  /** Faults for every request from now on. */
  always(fault: Fault): void {
    this.rule = () => fault;
  }

  /** The operations received, in order, e.g. ["PutObject", "AbortMultipartUpload"]. */
  operations(): string[] {
    return this.requests.map((r) => r.operation);
  }

  count(operation: string): number {
    return this.requests.filter((r) => r.operation === operation).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: import("node:http").ServerResponse): void {
    const operation = operationName({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
    });
    const count = (this.counts.get(operation) ?? 0) + 1;
    this.counts.set(operation, count);
    const fault = this.rule(operation, count);
    this.requests.push({ operation, fault });
    switch (fault) {
      case "hang":
        req.resume(); // read the request, never answer
        return;
      case "reset":
        req.socket.resetAndDestroy();
        return;
      case "error500":
        req.resume();
        req.on("end", () => {
          res.writeHead(500, { "content-type": "application/xml" });
          res.end(INTERNAL_ERROR);
        });
        return;
      case "delay":
        setTimeout(() => this.forward(req, res, false), this.delayMs);
        return;
      default:
        this.forward(req, res, fault === "no-etag");
    }
  }

  private forward(
    req: IncomingMessage,
    res: import("node:http").ServerResponse,
    stripEtag: boolean,
  ): void {
    const upstream = httpRequest(
      {
        host: this.upstream.hostname,
        port: this.upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const headers = { ...answer.headers };
        if (!stripEtag) {
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          return;
        }
        delete headers.etag;
        const body: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => body.push(chunk));
        answer.on("end", () => {
          const text = Buffer.concat(body)
            .toString()
            .replace(/<ETag>[^<]*<\/ETag>/g, "");
          delete headers["transfer-encoding"];
          headers["content-length"] = String(Buffer.byteLength(text));
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  }
}
