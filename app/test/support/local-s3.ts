// A real S3 API on loopback (s3rver), with a log of every request it received, so tests can
// check what was sent on the wire (encryption headers, which calls were made) and what is
// stored. Its data lives in a temporary directory that is removed on close.
//
// s3rver 3.7 has no AbortMultipartUpload (it answers 405 MethodNotAllowed); it is answered here
// as S3 does: 204 and the upload's parts are gone, or 404 NoSuchUpload for an unknown upload.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import S3rver from "s3rver";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType?: string;
  readonly metadata: Record<string, string>;
}

export class LocalS3 {
  readonly requests: RecordedRequest[] = [];
  readonly client: S3Client;

  private constructor(
    private readonly server: S3rver,
    private readonly directory: string,
    readonly endpoint: string,
    readonly bucket: string,
  ) {
    this.client = new S3Client({
      region: "eu-west-1",
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  }

  /** Starts on 127.0.0.1 only; port 0 picks a free port. */
  static async start(bucket = "images", port = 0): Promise<LocalS3> {
    const directory = mkdtempSync(join(tmpdir(), "local-s3-"));
    const server = new S3rver({
      address: "127.0.0.1",
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket, configs: [] }],
    });
    const address = await server.run();
    const s3 = new LocalS3(server, directory, `http://127.0.0.1:${address.port}`, bucket);
    const [koa] = server.httpServer.listeners("request") as Array<
      (req: IncomingMessage, res: ServerResponse) => void
    >;
    server.httpServer.removeAllListeners("request");
    server.httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
      s3.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      const uploadId = new URL(req.url ?? "", "http://s3.local").searchParams.get("uploadId");
      if (req.method === "DELETE" && uploadId !== null) s3.abortUpload(uploadId, res);
      else koa(req, res);
    });
    return s3;
  }

  /** Multipart uploads created and neither completed nor aborted (their parts use storage). */
  pendingUploads(): string[] {
    const directory = this.uploadsDirectory();
    return existsSync(directory) ? readdirSync(directory) : [];
  }

  private uploadsDirectory(): string {
    return join(this.directory, this.bucket, "._S3rver_uploads"); // s3rver FilesystemStore layout
  }

  private abortUpload(uploadId: string, res: ServerResponse): void {
    const upload = join(this.uploadsDirectory(), uploadId);
    if (!/^[0-9a-f]+$/.test(uploadId) || !existsSync(upload)) {
      res.writeHead(404, { "content-type": "application/xml" });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code>' +
          "<Message>The specified upload does not exist.</Message></Error>",
      );
      return;
    }
    rmSync(upload, { recursive: true, force: true });
    res.writeHead(204);
    res.end();
  }

  /** The S3 operations received so far, in order, e.g. ["PutObject", "ListObjectsV2"]. */
  operations(): string[] {
    return this.requests.map(operationName);
  }

  /** Requests that write: PutObject and the multipart upload calls. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "PUT" || r.method === "POST");
  }

  async clear(): Promise<void> {
    for (const key of await this.keys())
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async keys(): Promise<string[]> {
    const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket }));
    return (page.Contents ?? []).map((o) => o.Key ?? "");
  }

  async object(key: string): Promise<StoredObject> {
    const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    return {
      body: Buffer.from(await got.Body!.transformToByteArray()),
      contentType: got.ContentType,
      metadata: head.Metadata ?? {},
    };
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.server.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

export function operationName(request: RecordedRequest): string {
  const url = new URL(request.url, "http://s3.local");
  const query = url.searchParams;
  const isBucket = url.pathname.split("/").filter(Boolean).length === 1;
  switch (request.method) {
    case "POST":
      if (query.has("uploads")) return "CreateMultipartUpload";
      if (query.has("uploadId")) return "CompleteMultipartUpload";
      break;
    case "PUT":
      return query.has("uploadId") ? "UploadPart" : "PutObject";
    case "DELETE":
      return query.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
    case "HEAD":
      return isBucket ? "HeadBucket" : "HeadObject";
    case "GET":
      return isBucket ? "ListObjects" : "GetObject";
  }
  return `${request.method} ${url.pathname}`;
}
