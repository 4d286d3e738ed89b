// ECS task definitions: the compliant task definition passes, each way of breaking a rule is
// caught one field at a time, and container definitions unknown at preview give the engine's
// preview note instead of a pass.
import { expect } from "chai";
import { IAM_ROLE } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";
import { compliance } from "../rule-spec";
import { container, taskDef } from "../fixtures/compute";

/** containerDefinitions unknown at preview: a preview note from `name`, not a pass. */
async function expectUnknownContainersNote(name: string): Promise<void> {
  const td = taskDef({ containerDefinitions: UNKNOWN });
  expect(await one(name, [td]), name).to.deep.equal([]);
  const notes = await previewNotes(policy(name), [td]);
  expect(notes, name).to.have.length(1);
  expect(notes[0]).to.match(/can't run policy .* during preview/);
}

describe("ecs-task-definition-not-privileged", () => {
  const name = "ecs-task-definition-not-privileged";

  it("is mandatory", () => {
    expect(policy("ecs-task-definition-not-privileged").enforcementLevel).to.equal("mandatory");
  });

  describe("Noncompliance", () => {
    it("catches privileged: true", async () => {
      const v = await one("ecs-task-definition-not-privileged", [
        taskDef({}, [container({ privileged: true })]),
      ]);
      expect(v).to.deep.equal(["app-task: Container 'app' runs privileged."]);
    });
    it("catches host-level capabilities, with or without the CAP_ prefix", async () => {
      for (const cap of ["SYS_ADMIN", "CAP_SYS_ADMIN", "ALL", "NET_ADMIN"]) {
        const c = container({ linuxParameters: { capabilities: { add: [cap] } } });
        const v = await one("ecs-task-definition-not-privileged", [taskDef({}, [c])]);
        expect(v, cap).to.have.length(1);
        expect(v[0]).to.include("host-level capabilities");
      }
    });
    it("checks every container (sidecars too)", async () => {
      const v = await one("ecs-task-definition-not-privileged", [
        taskDef({}, [container(), container({ name: "sidecar", privileged: true })]),
      ]);
      expect(v).to.deep.equal(["app-task: Container 'sidecar' runs privileged."]);
    });
    it("containerDefinitions that are not a JSON array are reported", async () => {
      const v = await one("ecs-task-definition-not-privileged", [
        taskDef({ containerDefinitions: "{not json" }),
      ]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("not a JSON array");
    });
    it("containerDefinitions unknown at preview gives a preview note, not a pass", () =>
      expectUnknownContainersNote(name));
  });

  describe("Compliance", () => {
    it("accepts harmless added capabilities", async () => {
      const c = container({ linuxParameters: { capabilities: { add: ["NET_BIND_SERVICE"] } } });
      expect(await one("ecs-task-definition-not-privileged", [taskDef({}, [c])])).to.deep.equal([]);
    });
    it("the compliant task definition passes", async () => {
      await expectClean(policy("ecs-task-definition-not-privileged"), [taskDef()]);
    });
  });
});

describe("ecs-task-definition-read-only-root", () => {
  const name = "ecs-task-definition-read-only-root";

  describe("Noncompliance", () => {
    it("catches readonlyRootFilesystem false and missing", async () => {
      for (const c of [
        container({ readonlyRootFilesystem: false }),
        container({ readonlyRootFilesystem: undefined }),
      ]) {
        const v = await one("ecs-task-definition-read-only-root", [taskDef({}, [c])]);
        expect(v).to.have.length(1);
        expect(v[0]).to.include("writable root filesystem");
      }
    });
    it("containerDefinitions unknown at preview gives a preview note, not a pass", () =>
      expectUnknownContainersNote(name));
  });

  describe("Compliance", () => {
    it("does not apply to Windows containers", async () => {
      const td = taskDef(
        { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" } },
        [container({ readonlyRootFilesystem: false })],
      );
      expect(await one("ecs-task-definition-read-only-root", [td])).to.deep.equal([]);
    });
    it("the compliant task definition passes", async () => {
      await expectClean(policy("ecs-task-definition-read-only-root"), [taskDef()]);
    });
  });
});

describe("ecs-task-definition-non-root-user", () => {
  const name = "ecs-task-definition-non-root-user";

  describe("Noncompliance", () => {
    it("catches a missing user", async () => {
      const v = await one("ecs-task-definition-non-root-user", [
        taskDef({}, [container({ user: undefined })]),
      ]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("sets no user");
    });
    it("catches root in every spelling", async () => {
      for (const user of ["root", "0", "0:0", "root:root", "ROOT"]) {
        const v = await one("ecs-task-definition-non-root-user", [
          taskDef({}, [container({ user })]),
        ]);
        expect(v, user).to.have.length(1);
        expect(v[0]).to.include("runs as root");
      }
    });
    it("containerDefinitions unknown at preview gives a preview note, not a pass", () =>
      expectUnknownContainersNote(name));
  });

  describe("Compliance", () => {
    it("accepts a non-root UID", async () => {
      expect(
        await one("ecs-task-definition-non-root-user", [
          taskDef({}, [container({ user: "node" })]),
        ]),
      ).to.deep.equal([]);
    });
    it("the compliant task definition passes", async () => {
      await expectClean(policy("ecs-task-definition-non-root-user"), [taskDef()]);
    });
  });
});

describe("ecs-task-definition-no-plaintext-secrets", () => {
  const name = "ecs-task-definition-no-plaintext-secrets";
  const withEnv = (env: { name: string; value: string }[]) =>
    taskDef({}, [container({ environment: env })]);

  it("is mandatory", () => {
    expect(policy(name).enforcementLevel).to.equal("mandatory");
  });

  describe("Noncompliance", () => {
    it("catches credential-like names with literal values, without echoing the value", async () => {
      for (const n of [
        "DB_PASSWORD",
        "API_TOKEN",
        "STRIPE_SECRET",
        "GITHUB_API_KEY",
        "AWS_ACCESS_KEY_ID",
        "PRIVATE_KEY_PEM",
      ]) {
        const v = await one(name, [withEnv([{ name: n, value: "hunter2-very-secret" }])]);
        expect(v, n).to.have.length(1);
        expect(v[0]).to.include(`'${n}'`);
        expect(v[0]).to.not.include("hunter2");
      }
    });
    it("Trivy AWS-0036 bad: DATABASE_PASSWORD, and AWS_ACCESS_KEY_ID (CloudFormation)", async () => {
      const v = await one(name, [
        withEnv([
          { name: "ENVIRONMENT", value: "development" },
          { name: "DATABASE_PASSWORD", value: "oh no D:" },
          { name: "AWS_ACCESS_KEY_ID", value: "AIPA8YOHGIS58IBFDU3E" },
        ]),
      ]);
      expect(v).to.have.length(2);
      expect(v[0]).to.include("'DATABASE_PASSWORD'");
      expect(v[1]).to.include("'AWS_ACCESS_KEY_ID'");
    });
    it("Trivy AWS-0036: a private key under an innocent name", async () => {
      const pem =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
      const v = await one(name, [withEnv([{ name: "TLS_PEM", value: pem }])]);
      expect(v).to.deep.equal(["app-task: Container 'app': 'TLS_PEM' holds a private key."]);
    });
    it("catches a private key under a name exempted as public (the halves of a pair swapped)", async () => {
      const pem =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
      const v = await one(name, [withEnv([{ name: "DEPLOY_PUBLIC_KEY", value: pem }])]);
      expect(v).to.deep.equal([
        "app-task: Container 'app': 'DEPLOY_PUBLIC_KEY' holds a private key.",
      ]);
    });
    it("catches a password written into a connection string, whatever the variable's name", async () => {
      // The shape of a Spring service's datasource URL and a DATABASE_URL in real task definitions.
      const env = [
        {
          name: "SPRING_DATASOURCE_URL",
          value: "jdbc:postgresql://db:5432/app?user=u&password=pw1",
        },
        { name: "DATABASE_URL", value: "postgres://app:pw2@db.internal:5432/app" },
      ];
      const v = await one(name, [withEnv(env)]);
      expect(v).to.deep.equal([
        "app-task: Container 'app': 'SPRING_DATASOURCE_URL' holds a password in a connection string (password=...).",
        "app-task: Container 'app': 'DATABASE_URL' holds a password in a URL (user:password@host).",
      ]);
    });
    it("catches an AWS access key id under an innocent name", async () => {
      const v = await one(name, [withEnv([{ name: "SETTING", value: "AKIAIOSFODNN7EXAMPLE" }])]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("access key id");
    });
    it("containerDefinitions unknown at preview gives a preview note, not a pass", () =>
      expectUnknownContainersNote(name));
  });

  describe("Compliance", () => {
    it("accepts references and ids that only look secret", async () => {
      const env = [
        { name: "KMS_KEY_ID", value: "1234abcd" },
        { name: "SIGNING_KEY", value: "arn:aws:kms:eu-west-1:123456789012:key/1" },
        { name: "TOKEN_ENDPOINT", value: "https://auth.example.com/token" },
        { name: "API_KEY", value: "" },
      ];
      expect(await one(name, [withEnv(env)])).to.deep.equal([]);
    });
    it("accepts keys public by design, not their secret halves", async () => {
      const env = [
        {
          name: "JWT_PUBLIC_KEY",
          value: "-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----",
        },
        { name: "STRIPE_PUBLISHABLE_KEY", value: "pk_live_51H8exampleexample" },
        { name: "SUPABASE_ANON_KEY", value: "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig" },
      ];
      expect(await one(name, [withEnv(env)])).to.deep.equal([]);
      const secret = [{ name: "SUPABASE_SERVICE_ROLE_KEY", value: "eyJhbGciOiJIUzI1NiJ9.x.y" }];
      expect(await one(name, [withEnv(secret)])).to.have.length(1);
    });
    it("accepts connection strings that carry no password, or only a placeholder", async () => {
      const env = [
        { name: "DATABASE_URL", value: "postgres://app@db.internal:5432/app" },
        { name: "REDIS_URL", value: "redis://${REDIS_USER}:${REDIS_PASSWORD}@cache:6379" },
        { name: "JDBC_URL", value: "jdbc:postgresql://db:5432/app?user=u&password=${DB_PASSWORD}" },
      ];
      expect(await one(name, [withEnv(env)])).to.deep.equal([]);
    });
    it("takes the name pattern from policy config", async () => {
      const env = [{ name: "DSN", value: "postgres://db.internal/app" }];
      expect(await one(name, [withEnv(env)])).to.deep.equal([]);
      const v = await one(name, [withEnv(env)], { [name]: { secretNamePattern: "DSN|PASSWORD" } });
      expect(v).to.have.length(1);
    });
    it("the compliant task definition passes", async () => {
      await expectClean(policy("ecs-task-definition-no-plaintext-secrets"), [taskDef()]);
    });
  });
});

describe("ecs-task-definition-logging", () => {
  const name = "ecs-task-definition-logging";

  describe("Noncompliance", () => {
    it("catches a container without logConfiguration and one with the 'none' driver", async () => {
      for (const c of [
        container({ logConfiguration: undefined }),
        container({ logConfiguration: { logDriver: "none" } }),
      ]) {
        const v = await one("ecs-task-definition-logging", [taskDef({}, [c])]);
        expect(v).to.deep.equal(["app-task: Container 'app' has no log configuration."]);
      }
    });
    it("containerDefinitions unknown at preview gives a preview note, not a pass", () =>
      expectUnknownContainersNote(name));
  });

  compliance("the compliant task definition passes", "ecs-task-definition-logging", () => [
    taskDef(),
  ]);
});

describe("ecs-task-definition-awsvpc-network-mode", () => {
  describe("Noncompliance", () => {
    it("catches host, bridge and the default", async () => {
      for (const networkMode of ["host", "bridge", undefined]) {
        const v = await one("ecs-task-definition-awsvpc-network-mode", [taskDef({ networkMode })]);
        expect(v, String(networkMode)).to.have.length(1);
      }
    });
  });

  compliance(
    "the compliant task definition passes",
    "ecs-task-definition-awsvpc-network-mode",
    () => [taskDef()],
  );
});

describe("ecs-task-definition-no-host-namespaces", () => {
  describe("Noncompliance", () => {
    it("catches pidMode host and ipcMode host", async () => {
      expect(
        await one("ecs-task-definition-no-host-namespaces", [taskDef({ pidMode: "host" })]),
      ).to.have.length(1);
      expect(
        await one("ecs-task-definition-no-host-namespaces", [taskDef({ ipcMode: "host" })]),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts the task-scoped namespaces", async () => {
      const td = taskDef({ pidMode: "task", ipcMode: "task" });
      expect(await one("ecs-task-definition-no-host-namespaces", [td])).to.deep.equal([]);
    });
    it("the compliant task definition passes", async () => {
      await expectClean(policy("ecs-task-definition-no-host-namespaces"), [taskDef()]);
    });
  });
});

describe("ecs-task-definition-distinct-roles", () => {
  const exec = res(IAM_ROLE, "exec-role", { assumeRolePolicy: "{}" });
  const task = res(IAM_ROLE, "task-role", { assumeRolePolicy: "{}" });
  const name = "ecs-task-definition-distinct-roles";

  describe("Noncompliance", () => {
    it("catches the same role used for both, correlated by property dependencies", async () => {
      const td = taskDef({ executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN }, undefined, {
        refs: { executionRoleArn: [exec], taskRoleArn: [exec] },
      });
      expect(await one(name, [exec, td])).to.deep.equal([
        "app-task: The execution role and the task role are the same role.",
      ]);
    });
    it("compares literal ARNs", async () => {
      const arn = "arn:aws:iam::123456789012:role/app";
      expect(
        await one(name, [taskDef({ executionRoleArn: arn, taskRoleArn: arn })]),
      ).to.have.length(1);
      expect(
        await one(name, [
          taskDef({ executionRoleArn: arn, taskRoleArn: "arn:aws:iam::123456789012:role/other" }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("accepts two different role resources while their ARNs are unknown (preview)", async () => {
      const td = taskDef({ executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN }, undefined, {
        refs: { executionRoleArn: [exec], taskRoleArn: [task] },
      });
      expect(await one(name, [exec, task, td])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [exec, task, td])).to.deep.equal([]);
    });
  });
});

describe("ecs-task-definition-efs-transit-encryption", () => {
  const name = "ecs-task-definition-efs-transit-encryption";
  const efsVolume = (efs: Record<string, unknown>) => ({
    name: "service-storage",
    efsVolumeConfiguration: {
      fileSystemId: UNKNOWN,
      rootDirectory: "/opt/data",
      authorizationConfig: { accessPointId: UNKNOWN, iam: "ENABLED" },
      ...efs,
    },
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_97 / Trivy AWS-0035 bad: an EFS volume without transitEncryption", async () => {
      expect(await one(name, [taskDef({ volumes: [efsVolume({})] })])).to.deep.equal([
        "app-task: EFS volume 'service-storage' has transitEncryption not set (DISABLED).",
      ]);
    });
    it("Trivy AWS-0035 bad (CloudFormation): transitEncryption DISABLED", async () => {
      const v = await one(name, [
        taskDef({ volumes: [efsVolume({ transitEncryption: "DISABLED" })] }),
      ]);
      expect(v).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("CKV_AWS_97 / Trivy AWS-0035 good: transitEncryption ENABLED (with a port)", async () => {
      await expectClean(policy(name), [
        taskDef({
          volumes: [efsVolume({ transitEncryption: "ENABLED", transitEncryptionPort: 2999 })],
        }),
      ]);
    });
    it("volumes that are not EFS, and no volumes at all", async () => {
      await expectClean(policy(name), [
        taskDef({ volumes: [{ name: "scratch", hostPath: "/tmp" }] }),
        taskDef(),
      ]);
    });
  });
});
