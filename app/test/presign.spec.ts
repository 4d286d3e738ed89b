// Presigned URLs: signed once per window, reused only while the credentials that signed them
// last, also through the SDK's default chain with ECS container credentials.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { S3Client } from "@aws-sdk/client-s3";
import { MIN_URL_LIFE_MS, PresignedUrls, signingKeyOf } from "../src/presign";
import { StorageError } from "../src/storage-errors";

/** What the client signs with (the SDK's AwsCredentialIdentity). */
type AwsCredentialIdentity = Awaited<ReturnType<S3Client["config"]["credentials"]>>;

const bucket = "images-bucket";
// A week: one signing window is half of it.
const ttlSeconds = 604800;
const windowMs = (ttlSeconds / 2) * 1000;
const start = Math.floor(Date.UTC(2026, 0, 5) / windowMs) * windowMs;

/** Counts the URLs the client signs (getSignedUrl runs a copy of the client's middleware). */
function countSignings(client: S3Client): { readonly count: number } {
  const counter = { count: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.count += 1;
      return next(args);
    },
    { step: "initialize", name: "countSignings" },
  );
  return counter;
}

/** A session as an ECS task role has: temporary, ending at `expiresAt`. */
const session = (name: string, expiresAt: number): AwsCredentialIdentity => ({
  accessKeyId: `ASIA${name}`,
  secretAccessKey: "s",
  sessionToken: `token-${name}`,
  expiration: new Date(expiresAt),
});

describe("PresignedUrls with explicit credentials", () => {
  /**
   * Urls whose client signs with `identity(forced)`, counting its calls and the signings;
   * `forced` tells a forced refresh (the SDK passes `{ forceRefresh: true }` to the provider).
   */
  function urlsSigningWith(identity: (forced: boolean) => AwsCredentialIdentity) {
    const resolutions = { count: 0, forced: 0 };
    const client = new S3Client({
      region: "eu-west-1",
      credentials: async (options?: { forceRefresh?: boolean }) => {
        resolutions.count += 1;
        if (options?.forceRefresh === true) resolutions.forced += 1;
        return identity(options?.forceRefresh === true);
      },
    });
    return {
      client,
      urls: new PresignedUrls(client, bucket, ttlSeconds),
      signings: countSignings(client),
      resolutions,
    };
  }

  it("signs a key once per window and reuses the URL within it", async () => {
    const { urls, signings, resolutions } = urlsSigningWith(() => ({
      accessKeyId: "AKIAPERMANENT",
      secretAccessKey: "s",
    }));
    const first = await urls.get("uploads/2026/01/a.png", start + 1_000);
    expect(await urls.get("uploads/2026/01/a.png", start + windowMs - 1_000)).to.equal(first);
    expect(signings.count).to.equal(1);
    expect(resolutions.count).to.equal(1);
    expect(await urls.get("uploads/2026/01/b.png", start + 1_000)).to.not.equal(first);
    expect(signings.count).to.equal(2);
    // The next window signs anew, with a later date.
    const next = await urls.get("uploads/2026/01/a.png", start + windowMs + 1_000);
    expect(next).to.not.equal(first);
    expect(signings.count).to.equal(3);
  });

  it("signs again, with renewed credentials, once the signing ones are about to expire", async () => {
    let identity = session("FIRST", start + 200_000);
    const { urls, signings } = urlsSigningWith(() => identity);
    const first = await urls.get("uploads/2026/01/a.png", start + 1_000);
    expect(signingKeyOf(first)).to.equal("ASIAFIRST");
    expect(await urls.get("uploads/2026/01/a.png", start + 50_000)).to.equal(first);
    expect(signings.count).to.equal(1);
    identity = session("SECOND", start + 6 * 3600_000);
    // The first session has 100 s left, less than the URL must still work.
    const again = await urls.get("uploads/2026/01/a.png", start + 100_000);
    expect(signingKeyOf(again)).to.equal("ASIASECOND");
    expect(await urls.get("uploads/2026/01/a.png", start + 3600_000)).to.equal(again);
    expect(signings.count).to.equal(2);
  });

  /**
   * Urls whose client signs with `current.identity`, which `onSigning` may replace as a signing
   * starts: as a background refresh of the chain lands between the check of the credentials and
   * the signing that resolves them again. A forced refresh yields `refreshed` when given.
   */
  function urlsRefreshedWhileSigning(
    first: AwsCredentialIdentity,
    onSigning: (signing: number) => AwsCredentialIdentity | undefined,
    refreshed?: AwsCredentialIdentity,
  ) {
    const current = { identity: first };
    const { client, urls, signings, resolutions } = urlsSigningWith((forced) => {
      if (forced && refreshed) current.identity = refreshed;
      return current.identity;
    });
    let started = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        started += 1;
        current.identity = onSigning(started) ?? current.identity;
        return next(args);
      },
      { step: "initialize", name: "refreshWhileSigning" },
    );
    return { urls, signings, current, resolutions };
  }

  it("signs again when the credentials change between their check and the signing", async () => {
    // The check sees a long session; the signing gets a stale one with 199 s left.
    const stale = session("STALE", start + 200_000);
    const { urls, signings, current } = urlsRefreshedWhileSigning(
      session("LONG", start + 6 * 3600_000),
      (n) => (n === 1 ? stale : undefined),
    );
    const url = await urls.get("uploads/2026/01/a.png", start + 1_000);
    // Signed twice: the first URL named other credentials than the ones checked.
    expect(signings.count).to.equal(2);
    expect(signingKeyOf(url)).to.equal("ASIASTALE");
    // Handed out only while the credentials that signed it last MIN_URL_LIFE_MS: until 50 s,
    // not for the 6 hours of the session that was checked.
    expect(await urls.get("uploads/2026/01/a.png", start + 49_000)).to.equal(url);
    current.identity = session("RENEWED", start + 12 * 3600_000);
    const renewed = await urls.get("uploads/2026/01/a.png", start + 51_000);
    expect(signingKeyOf(renewed)).to.equal("ASIARENEWED");
    expect(signings.count).to.equal(3);
  });

  it("checks the lifetime again on the second try: credentials swapped in that do not last are refreshed", async () => {
    // The check sees a long session; the signing gets one with 99 s left, less than
    // MIN_URL_LIFE_MS: the second try must not sign with it as it is.
    const short = session("SHORT", start + MIN_URL_LIFE_MS - 50_000);
    const { urls, signings, resolutions } = urlsRefreshedWhileSigning(
      session("LONG", start + 6 * 3600_000),
      (n) => (n === 1 ? short : undefined),
      session("REFRESHED", start + 12 * 3600_000),
    );
    const url = await urls.get("uploads/2026/01/a.png", start + 1_000);
    expect(resolutions.forced, "forced refreshes").to.be.at.least(1);
    expect(signingKeyOf(url)).to.equal("ASIAREFRESHED");
    expect(signings.count).to.equal(2);
    // Handed out for the refreshed session's life, not signed again meanwhile.
    expect(await urls.get("uploads/2026/01/a.png", start + 3600_000)).to.equal(url);
    expect(signings.count).to.equal(2);
  });

  it("fails, as a transient error, when the credentials swapped in during signing do not last even refreshed", async () => {
    const short = session("SHORT", start + MIN_URL_LIFE_MS - 50_000);
    const { urls, signings } = urlsRefreshedWhileSigning(
      session("LONG", start + 6 * 3600_000),
      (n) => (n === 1 ? short : undefined),
    );
    const failure = await urls.get("uploads/2026/01/a.png", start + 1_000).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(StorageError);
    expect((failure as StorageError).transient).to.equal(true);
    expect((failure as Error).message).to.match(/expire at .* even after a refresh/);
    expect(signings.count).to.equal(1);
  });

  it("fails, as a transient error, when the credentials change during both signings", async () => {
    const { urls, signings } = urlsRefreshedWhileSigning(
      session("CHECKED0", start + 6 * 3600_000),
      (n) => session(`SIGNING${n}`, start + 6 * 3600_000),
    );
    const failure = await urls.get("uploads/2026/01/a.png", start + 1_000).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(StorageError);
    expect((failure as StorageError).transient).to.equal(true);
    expect((failure as Error).message).to.match(/credentials changed while the URL was signed/);
    expect(signings.count).to.equal(2);
  });

  it("refuses to hand out a URL when even renewed credentials do not last", async () => {
    const { urls, signings } = urlsSigningWith(() =>
      session("SHORT", start + MIN_URL_LIFE_MS - 1_000),
    );
    const failure = await urls.get("uploads/2026/01/a.png", start).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(StorageError);
    expect((failure as StorageError).transient).to.equal(true);
    expect((failure as Error).message).to.match(/expire at .* even after a refresh/);
    expect(signings.count).to.equal(0);
  });
});

describe("PresignedUrls through the default chain (ECS container credentials)", () => {
  const saved = { ...process.env };
  const realNow = Date.now;
  let clock = start;
  let server: http.Server;
  let served = 0;
  // The endpoint's first answer ends in 6 hours, every later one in 12.
  const sessionEnd = (n: number): number => start + (n === 1 ? 6 : 12) * 3600_000;

  before(async () => {
    server = http.createServer((_req, res) => {
      served += 1;
      const s = session(served === 1 ? "FIRST" : "SECOND", sessionEnd(served));
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          AccessKeyId: s.accessKeyId,
          SecretAccessKey: s.secretAccessKey,
          Token: s.sessionToken,
          Expiration: s.expiration!.toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    for (const name of Object.keys(process.env)) {
      if (name.startsWith("AWS_")) delete process.env[name];
    }
    // Only the container endpoint: no shared config or credentials file of the machine.
    const nowhere = path.join(os.tmpdir(), `no-aws-config-${process.pid}-${realNow()}`);
    process.env.AWS_CONFIG_FILE = nowhere;
    process.env.AWS_SHARED_CREDENTIALS_FILE = nowhere;
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds`;
    // The chain judges expiry by Date.now().
    Date.now = () => clock;
  });
  after(async () => {
    Date.now = realNow;
    for (const name of Object.keys(process.env)) {
      if (!(name in saved)) delete process.env[name];
    }
    Object.assign(process.env, saved);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("renews an idle task's session before signing with its last minutes", async () => {
    const client = new S3Client({ region: "eu-west-1" });
    const signings = countSignings(client);
    const urls = new PresignedUrls(client, bucket, 300);
    try {
      clock = start + 1_000;
      expect(signingKeyOf(await urls.get("uploads/2026/01/a.png", clock))).to.equal("ASIAFIRST");
      expect(served).to.equal(1);
      // Idle until the first session has 20 s left: the chain alone would hand it back (and
      // refresh in the background), and the URL would die 20 s after it was handed out.
      clock = sessionEnd(1) - 20_000;
      const url = await urls.get("uploads/2026/01/b.png", clock);
      expect(signingKeyOf(url)).to.equal("ASIASECOND");
      // The forced refresh, and maybe already the chain's own background one, started when it
      // handed back the old session.
      expect(served).to.be.within(2, 3);
      // Signed once, then reused within its window with the renewed session: no more fetches.
      expect(await urls.get("uploads/2026/01/b.png", clock + 10_000)).to.equal(url);
      expect(signings.count).to.equal(2);
      expect(served).to.be.at.most(3);
    } finally {
      client.destroy();
    }
  });
});
