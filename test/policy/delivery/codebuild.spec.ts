// CodeBuild projects and source credentials: the compliant project passes, each broken field is
// caught, the image-building project's privileged mode shows up as waived (never silently
// passed), and values unknown at preview give preview notes.
import { expect } from "chai";
import { CODEBUILD_PROJECT, CODEBUILD_SOURCE_CREDENTIAL } from "../../../policy-pack/lib/types";
import {
  evaluate,
  expectClean,
  policy,
  previewNotes,
  res,
  UNKNOWN,
  violationsOf as one,
} from "../fixture";
import { compliance } from "../rule-spec";
import { project } from "../fixtures/delivery";

describe("codebuild-project-privileged-mode", () => {
  const name = "codebuild-project-privileged-mode";

  describe("Noncompliance", () => {
    it("catches privileged mode and is mandatory", async () => {
      const v = await one(name, [project({}, { privilegedMode: true })]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("privileged mode");
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
    it("lists the image-building project's waiver as waived, not as a violation", async () => {
      const reason =
        "Builds the application's container image with docker build; nothing else runs privileged.";
      const p = project({}, { privilegedMode: true }, { [`waiver:${name}`]: reason });
      const report = await evaluate(policy(name), [p]);
      expect(report.violations).to.deep.equal([]);
      expect(report.waived).to.have.length(1);
      expect(report.waived[0]).to.include({
        policy: name,
        name: "app-build",
        type: CODEBUILD_PROJECT,
      });
      expect(report.waived[0].waiver).to.deep.equal({ reason, via: "tag" });
    });
    it("does not accept a waiver without a real reason", async () => {
      const p = project({}, { privilegedMode: true }, { [`waiver:${name}`]: "ok" });
      expect(await one(name, [p])).to.have.length(1);
    });
    it("accepts a waiver from policy config", async () => {
      const p = project({}, { privilegedMode: true });
      const report = await evaluate(policy(name), [p], {
        [name]: {
          waivers: [{ resource: "app-build", reason: "Image build project, reviewed 2026-11" }],
        },
      });
      expect(report.violations).to.deep.equal([]);
      expect(report.waived[0].waiver.via).to.equal("config");
    });
    it("an unknown privilegedMode is a preview note", async () => {
      expect(
        await previewNotes(policy(name), [project({}, { privilegedMode: UNKNOWN })]),
      ).to.have.length(1);
    });
  });

  compliance("the compliant project passes", "codebuild-project-privileged-mode", () => [
    project(),
  ]);
});

describe("codebuild-project-no-plaintext-credentials", () => {
  const name = "codebuild-project-no-plaintext-credentials";
  const withVars = (vars: unknown[]) => project({}, { environmentVariables: vars });

  it("is mandatory", () => expect(policy(name).enforcementLevel).to.equal("mandatory"));

  describe("Noncompliance", () => {
    it("catches a credential in a PLAINTEXT variable, explicit or by default, without echoing it", async () => {
      for (const v of [
        { name: "GITHUB_TOKEN", value: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" },
        { name: "DOCKERHUB_PASSWORD", type: "PLAINTEXT", value: "s3cr3t-value" },
      ]) {
        const out = await one(name, [withVars([v])]);
        expect(out, v.name).to.have.length(1);
        expect(out[0]).to.include(v.name).and.not.include(v.value);
      }
    });
    it("catches an access key id value whatever the name", async () => {
      expect(
        await one(name, [withVars([{ name: "X", value: "AKIAIOSFODNN7EXAMPLE" }])]),
      ).to.have.length(1);
    });
    it("catches a private key under a name exempted as public (the halves of a pair swapped)", async () => {
      const pem =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
      const out = await one(name, [withVars([{ name: "DEPLOY_PUBLIC_KEY", value: pem }])]);
      expect(out).to.have.length(1);
      expect(out[0]).to.include("'DEPLOY_PUBLIC_KEY' holds a private key").and.not.include("b3Bl");
    });
    it("catches a private key or an assigned secret key under a name that marks nothing", async () => {
      for (const value of [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
        "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
      ]) {
        expect(await one(name, [withVars([{ name: "DEPLOY", value }])])).to.have.length(1);
      }
    });
    it("a secret-like variable whose value is unknown at preview gives a note; an innocent one does not", async () => {
      const secret = withVars([{ name: "DEPLOY_TOKEN", value: UNKNOWN }]);
      expect(await one(name, [secret])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [secret])).to.have.length(1);
      const innocent = withVars([{ name: "IMAGE_REPO", value: UNKNOWN }]);
      expect(await previewNotes(policy(name), [innocent])).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("accepts SECRETS_MANAGER and PARAMETER_STORE references", async () => {
      const vars = [
        { name: "API_TOKEN", type: "SECRETS_MANAGER", value: "platform/api-token:token" },
        { name: "DB_PASSWORD", type: "PARAMETER_STORE", value: "/platform/db/password" },
      ];
      expect(await one(name, [withVars(vars)])).to.deep.equal([]);
    });
    it("the compliant project passes", async () => {
      await expectClean(policy("codebuild-project-no-plaintext-credentials"), [project()]);
    });
  });
});

describe("codebuild-project-logging", () => {
  const name = "codebuild-project-logging";

  describe("Noncompliance", () => {
    it("catches logs going to the unmanaged default group", async () => {
      for (const logsConfig of [undefined, { cloudwatchLogs: { status: "ENABLED" } }]) {
        const v = await one(name, [project({ logsConfig })]);
        expect(v).to.have.length(1);
        expect(v[0]).to.include("/aws/codebuild/");
      }
    });
    it("catches CloudWatch logging disabled, with and without S3 logs", async () => {
      const off = await one(name, [
        project({ logsConfig: { cloudwatchLogs: { status: "DISABLED" } } }),
      ]);
      expect(off[0]).to.include("leave no logs");
      const s3Only = await one(name, [
        project({
          logsConfig: {
            cloudwatchLogs: { status: "DISABLED" },
            s3Logs: { status: "ENABLED", location: "logs/build" },
          },
        }),
      ]);
      expect(s3Only[0]).to.include("S3 only");
    });
  });

  describe("Compliance", () => {
    it("a group name unknown at preview is still a configured group", async () => {
      const p = project({
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: UNKNOWN } },
      });
      expect(await one(name, [p])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [p])).to.deep.equal([]);
    });
    it("the compliant project passes", async () => {
      await expectClean(policy("codebuild-project-logging"), [project()]);
    });
  });
});

describe("codebuild-project-source-no-inline-credentials", () => {
  const name = "codebuild-project-source-no-inline-credentials";
  const withSource = (source: Record<string, unknown>, secondarySources?: unknown[]) =>
    project({ source, ...(secondarySources ? { secondarySources } : {}) });

  describe("Noncompliance", () => {
    it("catches user:password and token user names in source URLs", async () => {
      for (const location of [
        "https://deploy:hunter2@bitbucket.org/team/app.git",
        "https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/org/app.git",
        "https://x-token-auth:abc@bitbucket.org/team/app.git",
      ]) {
        const v = await one(name, [withSource({ type: "BITBUCKET", location })]);
        expect(v, location).to.deep.equal([
          "app-build: source.location embeds credentials in the URL.",
        ]);
      }
    });
    it("checks secondary sources too", async () => {
      const v = await one(name, [
        withSource({ type: "CODEPIPELINE" }, [
          {
            type: "GITHUB",
            sourceIdentifier: "lib",
            location: "https://u:p@github.com/org/lib.git",
          },
        ]),
      ]);
      expect(v).to.deep.equal([
        "app-build: secondarySources[0].location embeds credentials in the URL.",
      ]);
    });
    it("an unknown location (a repository being created) is a preview note", async () => {
      const p = withSource({ type: "CODECOMMIT", location: UNKNOWN });
      expect(await one(name, [p])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [p])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts URLs without secrets", async () => {
      for (const location of [
        "https://github.com/org/app.git",
        "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app",
        "ssh://git@github.com/org/app.git",
      ]) {
        expect(await one(name, [withSource({ type: "GITHUB", location })]), location).to.deep.equal(
          [],
        );
      }
    });
    it("the compliant project passes", async () => {
      await expectClean(policy("codebuild-project-source-no-inline-credentials"), [project()]);
    });
  });
});

describe("codebuild-source-credential-uses-connection", () => {
  describe("Noncompliance", () => {
    it("catches long-lived credentials; accepts a connection or a Secrets Manager secret", async () => {
      const name = "codebuild-source-credential-uses-connection";
      const cred = (authType: string) =>
        res(CODEBUILD_SOURCE_CREDENTIAL, "github", {
          authType,
          serverType: "GITHUB",
          token: "placeholder-token",
        });
      expect(await one(name, [cred("PERSONAL_ACCESS_TOKEN")])).to.have.length(1);
      expect(await one(name, [cred("BASIC_AUTH")])).to.have.length(1);
      expect(await one(name, [cred("CODECONNECTIONS")])).to.deep.equal([]);
      expect(await one(name, [cred("SECRETS_MANAGER")])).to.deep.equal([]);
    });
  });
});

describe("codebuild-project-not-public", () => {
  describe("Noncompliance", () => {
    it("catches PUBLIC_READ, accepts PRIVATE, and is mandatory", async () => {
      const name = "codebuild-project-not-public";
      expect(await one(name, [project({ projectVisibility: "PUBLIC_READ" })])).to.have.length(1);
      expect(await one(name, [project({ projectVisibility: "PRIVATE" })])).to.deep.equal([]);
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
  });

  compliance("the compliant project passes", "codebuild-project-not-public", () => [project()]);
});

describe("codebuild-project-build-timeout", () => {
  describe("Noncompliance", () => {
    it("catches a long timeout; accepts the default and a configured maximum", async () => {
      const name = "codebuild-project-build-timeout";
      expect(await one(name, [project({ buildTimeout: 480 })])).to.deep.equal([
        "app-build: buildTimeout is 480 minutes (more than 60).",
      ]);
      expect(await one(name, [project({ buildTimeout: undefined })])).to.deep.equal([]);
      expect(
        await one(name, [project({ buildTimeout: 120 })], {
          [name]: { maxBuildTimeoutMinutes: 120 },
        }),
      ).to.deep.equal([]);
    });
  });

  compliance("the compliant project passes", "codebuild-project-build-timeout", () => [project()]);
});
