// A local S3 API (s3rver) on 127.0.0.1 for running the app by hand and for the benchmark.
// Prints one JSON line {"endpoint", "bucket"} when ready; stops (and deletes its data) on
// SIGTERM or SIGINT. Port: LOCAL_S3_PORT (default 4568); bucket: LOCAL_S3_BUCKET (images).
import { LocalS3 } from "../test/support/local-s3";

async function main(): Promise<void> {
  const s3 = await LocalS3.start(
    process.env.LOCAL_S3_BUCKET ?? "images",
    Number(process.env.LOCAL_S3_PORT ?? 4568),
  );
  process.stdout.write(`${JSON.stringify({ endpoint: s3.endpoint, bucket: s3.bucket })}\n`);
  const stop = (): void => {
    s3.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`local S3 failed to start: ${String(err)}\n`);
  process.exit(1);
});
