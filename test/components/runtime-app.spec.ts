// Runtime: the app as each stack's task definition starts it. The environment the task definition
// sets is one the app's own configuration reads and accepts; the load balancer's health check and
// the container's are answered by the app's real routes; the app's graceful shutdown ends before
// ECS stops the container for good.
import { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import type { FastifyInstance } from "fastify";
import {
  answerAfterBodyMs,
  buildApp,
  longestAnswerMs,
  REQUEST_TIMEOUT_CHECK_MS,
  REQUEST_TIMEOUT_MS,
} from "../../app/src/app";
import { galleryAnswerMs } from "../../app/src/routes";
import { type Config, parseConfig } from "../../app/src/config";
import { ImageStore } from "../../app/src/store";
import { Recording } from "../../tools/lib/recorder";
import { findAll, ROOT, runStack } from "../helpers";

/** The variables app/src/config.ts reads (`text("NAME")`, `integer("NAME", …)`). */
const APP_VARIABLES = new Set(
  [
    ...fs
      .readFileSync(path.join(ROOT, "app", "src", "config.ts"), "utf8")
      .matchAll(/\b(?:text|integer)\("([A-Z][A-Z0-9_]*)"/g),
  ].map((m) => m[1]),
);

describe("Runtime: the app as each stack's task definition starts it", function () {
  this.timeout(240_000);
  let recs: Record<string, Recording>;
  before(async () => {
    recs = { staging: await runStack("staging"), prod: await runStack("prod") };
  });

  const containerOf = (rec: Recording) => {
    const [task] = findAll(rec, "aws:ecs/taskDefinition:TaskDefinition");
    return JSON.parse(task.inputs.containerDefinitions)[0];
  };
  const environmentOf = (rec: Recording): Record<string, string> =>
    Object.fromEntries(
      containerOf(rec).environment.map((e: { name: string; value: string }) => [e.name, e.value]),
    );

  it("sets only variables the app reads, and values the app accepts", () => {
    expect(APP_VARIABLES).to.include.keys("BUCKET_NAME", "AWS_REGION", "PORT");
    for (const [stack, rec] of Object.entries(recs)) {
      const env = environmentOf(rec);
      for (const name of Object.keys(env)) {
        expect(
          APP_VARIABLES.has(name),
          `${stack}: ${name} is not read by app/src/config.ts`,
        ).to.equal(true);
      }
      // parseConfig throws, naming each variable, on a missing or invalid value.
      const config = parseConfig(env);
      const container = containerOf(rec);
      expect(config.port, stack).to.equal(container.portMappings[0].containerPort);
      const [group] = findAll(rec, "aws:lb/targetGroup:TargetGroup");
      expect(config.port, stack).to.equal(group.inputs.port);
      // The app names our key on every upload, spelled as the bucket's policy compares it: the
      // policy refuses an upload naming any other key, or this key by its id or an alias.
      expect(config.kmsKeyId, stack).to.match(/^arn:aws[a-z-]*:kms:/);
      expect(config.kmsKeyId, stack).to.equal(keyTheBucketAccepts(rec, config.bucketName));
    }
  });

  /** The key ARN the bucket's policy requires on uploads (its DenyKeysOtherThanOurs statement). */
  const keyTheBucketAccepts = (rec: Recording, bucket: string): string => {
    const keys = findAll(rec, "aws:s3/bucketPolicy:BucketPolicy")
      .filter((p) => p.inputs.bucket === bucket)
      .flatMap((p) => JSON.parse(p.inputs.policy).Statement)
      .filter((st: { Sid?: string }) => st.Sid === "DenyKeysOtherThanOurs")
      .map((st) => st.Condition.StringNotEquals["s3:x-amz-server-side-encryption-aws-kms-key-id"]);
    expect(keys, `the policy of bucket ${bucket}`).to.have.length(1);
    return Array.isArray(keys[0]) ? keys[0][0] : keys[0];
  };

  /** Whether a status code satisfies an ALB matcher: codes and lo-hi ranges, comma-separated. */
  const matches = (status: number, matcher: string): boolean =>
    matcher.split(",").some((item) => {
      const [lo, hi = lo] = item.trim().split("-").map(Number);
      return status >= lo && status <= hi;
    });

  /** Runs `use` on the app built from `config`, closed afterwards. */
  const withApp = async (config: Config, use: (app: FastifyInstance) => Promise<void>) => {
    // Static credentials: the app signs its image URLs at start-up and calls S3 for nothing here.
    const client = new S3Client({
      region: config.region,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
    });
    const app = await buildApp(config, { logger: false, store: new ImageStore(client, config) });
    try {
      await use(app);
    } finally {
      await app.close();
    }
  };

  it("answers the load balancer's health check and the container's with the status they expect", async () => {
    for (const [stack, rec] of Object.entries(recs)) {
      await withApp(parseConfig(environmentOf(rec)), async (app) => {
        const [group] = findAll(rec, "aws:lb/targetGroup:TargetGroup");
        const { path: probe, matcher } = group.inputs.healthCheck;
        const answer = await app.inject({ method: "GET", url: probe });
        expect(
          matches(answer.statusCode, matcher),
          `${stack} ${probe}: ${answer.statusCode} vs ${matcher}`,
        ).to.equal(true);
        // The container's probe (app/src/healthcheck.ts) asks /healthz and wants any 2xx.
        expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).to.equal(200);
      });
    }
  });

  /** The load balancer's idle timeout, in ms: how long a connection may carry no data. */
  const idleTimeoutMsOf = (rec: Recording): number => {
    const [alb] = findAll(rec, "aws:lb/loadBalancer:LoadBalancer");
    expect(alb.inputs.idleTimeout, "the ALB's idleTimeout").to.be.a("number");
    return alb.inputs.idleTimeout * 1000;
  };

  it("starts every answer within the load balancer's idle timeout, and outlasts it on idle connections", async () => {
    for (const [stack, rec] of Object.entries(recs)) {
      const idleMs = idleTimeoutMsOf(rec);
      const config = parseConfig(environmentOf(rec));
      // Nothing is sent until a route's S3 calls end (an upload's after its body, the gallery's
      // listing); the load balancer answers 504 once the connection was idle for its timeout
      // (AWS Knowledge Center, "eks-http-504-errors"), while the work goes on.
      const s3 = config.s3TimeoutMs;
      expect(answerAfterBodyMs(s3), `${stack}: upload, after its body`).to.be.below(idleMs);
      expect(galleryAnswerMs(s3), `${stack}: gallery`).to.be.below(idleMs);
      expect(longestAnswerMs(config), `${stack}: every route`).to.be.below(idleMs);
      // A stalled upload is ended by the app, with its message, before the load balancer cuts it.
      expect(config.uploadIdleTimeoutMs, `${stack}: UPLOAD_IDLE_TIMEOUT_MS`).to.be.below(idleMs);
      // The load balancer, not the task, closes idle connections: else a request sent as the task
      // closes one gets a 502 (AWS Knowledge Center, "504-error-classic": keep-alive "greater than
      // the load balancer's idle timeout").
      await withApp(config, async (app) => {
        expect(app.server.keepAliveTimeout, `${stack}: keep-alive`).to.be.above(idleMs);
      });
    }
  });

  it("is drained by the load balancer for as long as it can keep a request, and no longer", () => {
    for (const [stack, rec] of Object.entries(recs)) {
      const [group] = findAll(rec, "aws:lb/targetGroup:TargetGroup");
      // ECS sends SIGTERM once the target is drained; a request still running when the delay
      // ends is cut (ELB docs, "Edit target group attributes", Deregistration delay, at most
      // 3600 s). A request arrives within Node's REQUEST_TIMEOUT_MS (checked every
      // REQUEST_TIMEOUT_CHECK_MS) and its answer starts within the idle timeout or the load
      // balancer ends it: a longer delay only keeps a stopping task.
      const keepsMs = REQUEST_TIMEOUT_MS + REQUEST_TIMEOUT_CHECK_MS + idleTimeoutMsOf(rec);
      expect(group.inputs.deregistrationDelay * 1000, stack).to.be.within(keepsMs, keepsMs + 999);
      expect(group.inputs.deregistrationDelay, stack).to.be.at.most(3600);
    }
  });

  it("finishes its graceful shutdown before ECS's stopTimeout ends in SIGKILL", () => {
    for (const [stack, rec] of Object.entries(recs)) {
      const config = parseConfig(environmentOf(rec));
      // ECS developer guide, task definition parameters, stopTimeout: the wait between SIGTERM
      // and SIGKILL. A few seconds are left for the process to exit once its server closes.
      expect(config.shutdownTimeoutSeconds + 5, stack).to.be.at.most(containerOf(rec).stopTimeout);
    }
  });
});
