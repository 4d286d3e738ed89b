// Pipeline: the reviewed buildspecs, and the pipelines of the two committed stacks.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { BUILD_STAGES, BUILDSPEC_DIR } from "../../../components/pipeline";
import {
  APP_CONTAINER_NAME,
  DEPLOYED_IMAGES_KEPT,
  DEPLOYED_TAG_PREFIX,
} from "../../../components/runtime";
import { Recording } from "../../../tools/lib/recorder";
import { findAll, findOne, ROOT, runStack } from "../../helpers";
import { permissions, stagesOf } from "../../fixtures/pipeline";

describe("Pipeline: buildspecs and both stacks", function () {
  describe("buildspecs", () => {
    const specs = Object.fromEntries(
      BUILD_STAGES.map((s) => [
        s,
        yaml.load(fs.readFileSync(path.join(BUILDSPEC_DIR, `${s}.yml`), "utf8")) as any,
      ]),
    );
    const commands = (s: string) =>
      Object.values(specs[s].phases as Record<string, any>)
        .flatMap((p) => p.commands ?? [])
        .join("\n");

    it("are buildspec 0.2 with the phases each stage needs, aborting on failure", () => {
      expect(Object.keys(specs.test.phases)).to.deep.equal(["install", "build"]);
      expect(Object.keys(specs.image.phases)).to.deep.equal(["pre_build", "build", "post_build"]);
      expect(Object.keys(specs.deploy.phases)).to.deep.equal(["install", "build"]);
      for (const s of BUILD_STAGES) {
        expect(specs[s].version).to.equal(0.2);
        expect(specs[s].phases.build["on-failure"], s).to.equal("ABORT");
      }
    });

    it("pulls every base image and Dockerfile frontend from outside Docker Hub, whose anonymous pull limit CodeBuild's shared addresses exhaust", () => {
      // Docker Hub limits anonymous pulls per source IP ("toomanyrequests"); CodeBuild's builds share
      // AWS addresses. Docker Official Images are mirrored on ECR Public
      // (public.ecr.aws/docker/library/<image>), which CodeBuild reaches without that limit.
      const registryOf = (ref: string) => {
        const parts = ref.split("/");
        // Docker's rule: a first path segment with "." or ":" (or "localhost"), followed by a path,
        // names a registry; otherwise the image is on Docker Hub ("node:22" is docker.io).
        const first = parts[0];
        return parts.length > 1 && (/[.:]/.test(first) || first === "localhost")
          ? first
          : "docker.io";
      };
      const dockerfiles = fs
        .readdirSync(path.join(ROOT, "app"))
        .filter((f) => /^Dockerfile(\..+)?$/.test(f) && !f.endsWith(".dockerignore"))
        .map((f) => path.join(ROOT, "app", f));
      expect(dockerfiles.length).to.be.greaterThan(0);
      const images: string[] = [];
      for (const file of dockerfiles) {
        const text = fs.readFileSync(file, "utf8");
        const args = new Map<string, string>();
        for (const m of text.matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)) args.set(m[1], m[2]);
        // A `# syntax=<image>` parser directive (only at the very top) names a frontend image
        // BuildKit pulls before anything else (Dockerfile reference, "syntax").
        for (const line of text.split("\n")) {
          const directive = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
          if (!directive) break;
          if (directive[1].toLowerCase() === "syntax") images.push(directive[2]);
        }
        for (const m of text.matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)/gm)) {
          // FROM ${ARG} resolves to the ARG's default; FROM <stage> names an earlier stage.
          const ref = m[1].replace(/^\$\{?([A-Z_]+)\}?$/, (_, a) => args.get(a) ?? `$${a}`);
          if (new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${ref}\\b`, "im").test(text)) continue;
          images.push(ref);
        }
      }
      // Base images the buildspecs pull or run themselves.
      for (const stage of BUILD_STAGES) {
        for (const m of commands(stage).matchAll(/docker (?:pull|run)\s+(?:--\S+\s+)*(\S+)/g)) {
          images.push(m[1]);
        }
      }
      expect(images.length).to.be.greaterThan(1);
      for (const image of images) {
        expect(registryOf(image), image).to.not.equal("docker.io");
        expect(image, image).to.not.match(/^(registry-1\.|index\.)?docker\.io\//);
      }
      expect(images).to.include("public.ecr.aws/docker/library/node:22-bookworm-slim");
    });

    it("test: installs from the lock file and runs the app's tests", () => {
      expect(commands("test"))
        .to.match(/npm ci/)
        .and.match(/npm run test --workspace app/);
    });

    it("image: immutable commit tag, push, and a scan gate failing on HIGH/CRITICAL", () => {
      const c = commands("image");
      expect(c).to.match(/IMAGE_TAG="\$COMMIT_ID"/);
      expect(c).to.match(/IMAGE_URI="\$REPOSITORY_URI:\$IMAGE_TAG"/);
      expect(c).to.match(/docker push "\$IMAGE_URI"/);
      // app/Dockerfile builds from the repository root, where the workspace lock file is.
      expect(c).to.match(
        /docker build --pull[^]*--file "\$APP_DIR\/Dockerfile"[^]*--tag "\$IMAGE_URI" \\\s*\.\s*\n/,
      );
      // Waits for a COMPLETE scan itself (the CLI's waiter gives up after 5 minutes).
      expect(c).to.match(/--query imageScanStatus\.status/);
      expect(c).to.match(/COMPLETE\) echo "Scan of \$IMAGE_URI complete"; break/);
      expect(c).to.match(/describe-image-scan-findings[\s\S]*findingSeverityCounts\.\$severity/);
      expect(c).to.match(/for severity in \$FAIL_ON_SEVERITIES/);
      expect(c).to.match(/exit 1/);
      // The gate runs before the outputs exist: a blocked image leaves nothing to deploy.
      expect(commands("image").indexOf("imageScanStatus.status")).to.be.lessThan(
        c.indexOf("imagedefinitions.json"),
      );
      expect(specs.image.env["exported-variables"]).to.include("IMAGE_URI");
      expect(specs.image.artifacts.files).to.deep.equal([
        "imagedefinitions.json",
        "imageDetail.json",
      ]);
    });

    it("deploy: renders the latest revision with only the image replaced, updates the service, waits for the roll-out", () => {
      const c = commands("deploy");
      expect(c).to.match(/aws ecs describe-task-definition --task-definition "\$TASK_FAMILY"/);
      expect(c).to.match(/c\.image = process\.env\.IMAGE_URI/);
      expect(c).to.match(/aws ecs register-task-definition --cli-input-json file:\/\/next\.json/);
      expect(c).to.match(
        /aws ecs update-service --cluster "\$CLUSTER_NAME" --service "\$SERVICE_NAME" --task-definition "\$NEW_TD"/,
      );
      expect(c)
        .to.match(/rolloutState/)
        .and.match(/COMPLETED/)
        .and.match(/FAILED/);
    });

    it("hold no credentials and read no secrets", () => {
      for (const s of BUILD_STAGES) {
        const text = fs.readFileSync(path.join(BUILDSPEC_DIR, `${s}.yml`), "utf8");
        expect(text, s).to.not.match(/AKIA[0-9A-Z]{16}|aws_secret_access_key|password\s*[:=]/i);
        expect(specs[s].env?.["secrets-manager"], s).to.equal(undefined);
        expect(specs[s].env?.["parameter-store"], s).to.equal(undefined);
        for (const name of Object.keys(specs[s].env?.variables ?? {}))
          expect(name).to.not.match(/SECRET|PASSWORD|TOKEN/);
      }
    });
  });

  describe("in both stacks", function () {
    this.timeout(240_000);
    let recs: Record<string, Recording>;
    before(async () => {
      recs = { staging: await runStack("staging"), prod: await runStack("prod") };
    });

    it("each stack's image project pushes to that stack's own ECR repository", () => {
      const urls = Object.entries(recs).map(([stack, rec]) => {
        const repo = findAll(rec, "aws:ecr/repository:Repository").find((r) =>
          r.name.endsWith("-runtime-repo"),
        )!;
        const image = findAll(rec, "aws:codebuild/project:Project").find(
          (p) => p.inputs.name === `platform-${stack}-image`,
        )!;
        const url = image.inputs.environment.environmentVariables.find(
          (v: any) => v.name === "REPOSITORY_URI",
        ).value;
        expect(url).to.equal(repo.outputs.repositoryUrl);
        expect(
          permissions(rec, findOne(rec, "aws:iam/role:Role", `${stack}-pipeline-image-role`)).get(
            "ecr:PutImage",
          ),
        ).to.deep.equal([repo.outputs.arn]);
        return url;
      });
      expect(urls[0]).to.not.equal(urls[1]);
    });

    it("the image and deploy stages name the task definition's container, the one the service's load balancer sends to", () => {
      // The deploy stage replaces the image of the container named CONTAINER_NAME in the family's
      // latest revision and fails when there is none; imagedefinitions.json carries that name.
      for (const [stack, rec] of Object.entries(recs)) {
        const [task] = findAll(rec, "aws:ecs/taskDefinition:TaskDefinition");
        const names = (JSON.parse(task.inputs.containerDefinitions) as { name: string }[]).map(
          (c) => c.name,
        );
        expect(names, stack).to.deep.equal([APP_CONTAINER_NAME]);
        const [service] = findAll(rec, "aws:ecs/service:Service");
        expect(
          service.inputs.loadBalancers.map((l: any) => l.containerName),
          stack,
        ).to.deep.equal(names);
        for (const stage of ["image", "deploy"]) {
          const project = findAll(rec, "aws:codebuild/project:Project").find(
            (p) => p.inputs.name === `platform-${stack}-${stage}`,
          );
          expect(project, `${stack}: the ${stage} project`).to.not.equal(undefined);
          if (!project) continue;
          const env = project.inputs.environment.environmentVariables as any[];
          expect(env.find((v) => v.name === "CONTAINER_NAME")?.value, `${stack} ${stage}`).to.equal(
            names[0],
          );
        }
      }
    });

    it("only prod approves before deploying, and each deploys to its own service", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const pipeline = findAll(rec, "aws:codepipeline/pipeline:Pipeline");
        expect(pipeline).to.have.length(1);
        expect(stagesOf(pipeline[0]).includes("Approve"), stack).to.equal(stack === "prod");
        const service = findAll(rec, "aws:ecs/service:Service")[0];
        const deploy = permissions(
          rec,
          findOne(rec, "aws:iam/role:Role", `${stack}-pipeline-deploy-role`),
        );
        expect(deploy.get("ecs:UpdateService")![0]).to.match(
          new RegExp(`:service/[^/]+/${service.outputs.name}$`),
        );
        // It marks the image it deploys in its own stack's repository, under the prefix the
        // repository's lifecycle keeps.
        const repo = findAll(rec, "aws:ecr/repository:Repository")[0];
        const env = Object.fromEntries(
          findAll(rec, "aws:codebuild/project:Project")
            .find((p) => p.inputs.name === `platform-${stack}-deploy`)!
            .inputs.environment.environmentVariables.map((v: any) => [v.name, v.value]),
        );
        expect(env.REPOSITORY_NAME).to.equal(repo.inputs.name);
        expect(env.DEPLOYED_TAG_PREFIX).to.equal(DEPLOYED_TAG_PREFIX);
        expect(env.DEPLOYED_IMAGES_KEPT).to.equal(String(DEPLOYED_IMAGES_KEPT));
        expect(deploy.get("ecr:PutImage")).to.deep.equal([repo.outputs.arn]);
      }
    });
  });
});
