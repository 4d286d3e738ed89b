// The image and deploy stages run as CodeBuild runs them (a phase's commands in one shell, stopping
// at the first that fails) against recording stand-ins for the aws and docker CLIs: what they call,
// in which order, and that they stop when AWS does not answer as expected.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { BUILDSPEC_DIR } from "../../../components/pipeline";
import { DEPLOYED_IMAGES_KEPT, DEPLOYED_TAG_PREFIX } from "../../../components/runtime";

const spec = (stage: string) =>
  yaml.load(fs.readFileSync(path.join(BUILDSPEC_DIR, `${stage}.yml`), "utf8")) as any;

/**
 * Answers each call the way the AWS CLI would and records it in $CALLS. FAIL_ECR makes
 * batch-get-image fail, NEW_IMAGE=yes makes the commit's tag unknown to describe-images, IMAGES is the answer of describe-images over the tagged images ("fail"
 * makes it fail; the image alone by default), PUT_DIGEST is the digest put-image reports,
 * FINDINGS is the answer of describe-image-scan-findings ("fail" makes it fail), printed once per
 * page of FINDING_PAGES unless the call says --no-paginate. The scan status query answers one of
 * SCAN_STATUSES per call.
 */
const FAKE_AWS = String.raw`#!/usr/bin/env bash
echo "aws $*" >> "$CALLS"
case "$1 $2" in
  "ecr get-login-password") echo token ;;
  "ecr describe-images")
    if [[ " $* " == *" --filter "* ]]; then
      [[ "$IMAGES" != fail ]] || { echo "An error occurred (AccessDeniedException)" >&2; exit 254; }
      echo "%{IMAGES:-$OWN_IMAGE}"
    elif [[ "$NEW_IMAGE" == yes ]]; then
      echo "An error occurred (ImageNotFoundException) when calling the DescribeImages operation" >&2; exit 254
    else
      echo '{"imageDetails":[{"imageDigest":"sha256:aaaa"}]}'
    fi ;;
  "ecr describe-image-scan-findings")
    if [[ " $* " == *" imageScanStatus.status "* ]]; then
      # One status per call from SCAN_STATUSES (the last repeats); NOT_FOUND answers as ECR does
      # for an image without a scan.
      read -r -a statuses <<< "%{SCAN_STATUSES:-COMPLETE}"
      n=$(cat "$CALLS.polls" 2>/dev/null || echo 0); echo $((n + 1)) > "$CALLS.polls"
      (( n < %{#statuses[@]} )) || n=$((%{#statuses[@]} - 1))
      case "%{statuses[$n]}" in
        NOT_FOUND) echo "An error occurred (ScanNotFoundException) when calling the DescribeImageScanFindings operation" >&2; exit 254 ;;
        DENIED) echo "An error occurred (AccessDeniedException)" >&2; exit 254 ;;
        *) echo "%{statuses[$n]}"; exit 0 ;;
      esac
    fi
    [[ "$FINDINGS" != fail ]] || { echo "An error occurred (ThrottlingException)" >&2; exit 254; }
    # With --output text the CLI applies --query to each page it fetches.
    pages="%{FINDING_PAGES:-1}"
    [[ " $* " != *" --no-paginate "* ]] || pages=1
    for ((p = 0; p < pages; p++)); do echo "$FINDINGS"; done ;;
  "ecr batch-get-image")
    [[ -z "$FAIL_ECR" ]] || { echo "An error occurred (AccessDeniedException)" >&2; exit 254; }
    echo '{"images":[{"imageId":{"imageDigest":"sha256:aaaa","imageTag":"0123abcd"},"imageManifest":"{\"schemaVersion\":2}","imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json"}],"failures":[]}' ;;
  "ecr put-image")
    for a in "$@"; do [[ "$a" == file://* ]] && cp "%{a#file://}" "$CALLS.manifest"; done
    echo "%{PUT_DIGEST:-sha256:aaaa}" ;;
  "ecs describe-task-definition")
    echo '{"taskDefinition":{"family":"f","revision":3,"containerDefinitions":[{"name":"app","image":"old"}]},"tags":[]}' ;;
  "ecs register-task-definition") echo "arn:aws:ecs:eu-west-1:111122223333:task-definition/f:4" ;;
  "ecs update-service") echo "arn:aws:ecs:eu-west-1:111122223333:service/c/s" ;;
  "ecs describe-services") printf 'COMPLETED\tarn:aws:ecs:eu-west-1:111122223333:task-definition/f:4\n' ;;
  *) echo "unexpected call: $*" >&2; exit 2 ;;
esac
`.replace(/%\{/g, "${"); // bash parameter expansions, kept out of the template's own ${}
/** The deployed image as describe-images lists it: its digest, commit tag and push time. */
const OWN_IMAGE = JSON.stringify({
  imageDetails: [
    {
      imageDigest: "sha256:aaaa",
      imageTags: ["0123abcd"],
      imagePushedAt: "2026-12-01T10:00:00+00:00",
    },
  ],
});
const FAKE_SLEEP = String.raw`#!/usr/bin/env bash
echo "sleep $*" >> "$CALLS"
`;
const FAKE_DOCKER = String.raw`#!/usr/bin/env bash
echo "docker $*" >> "$CALLS"
[[ "$*" != *--password-stdin* ]] || cat > /dev/null
`;

interface Run {
  readonly failed: boolean;
  readonly calls: string[];
  /** The manifest put-image was given. */
  readonly manifest: string;
}

/**
 * Runs `phases` of `stage` in order, as CodeBuild does, with the stand-ins first on PATH and
 * `files` (the input artifact) in the source directory.
 */
function run(
  stage: string,
  phases: string[],
  env: Record<string, string>,
  files: Record<string, string> = {},
): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${stage}-stage-`));
  const calls = path.join(dir, "calls.log");
  try {
    fs.writeFileSync(path.join(dir, "aws"), FAKE_AWS, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "docker"), FAKE_DOCKER, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "sleep"), FAKE_SLEEP, { mode: 0o755 });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const commands = phases.flatMap((p) => spec(stage).phases[p].commands as string[]);
    const script = commands.map((c) => `{\n${c}\n} || exit 1`).join("\n");
    let failed = false;
    try {
      execFileSync("bash", ["-c", script], {
        cwd: dir,
        stdio: "pipe",
        env: {
          PATH: `${dir}:${process.env.PATH}`,
          CALLS: calls,
          CODEBUILD_SRC_DIR: dir,
          OWN_IMAGE,
          ...env,
        },
      });
    } catch {
      failed = true;
    }
    const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
    return {
      failed,
      calls: read(calls).trim().split("\n").filter(Boolean),
      manifest: read(`${calls}.manifest`),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const REGISTRY = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";

describe("Pipeline stages, run", function () {
  this.timeout(30_000);

  describe("image: the scan gate", () => {
    const gate = (findings: string, pages = 1, extra: Record<string, string> = {}) =>
      run("image", ["pre_build", "build"], {
        COMMIT_ID: "0123abcd",
        REPOSITORY_URI: `${REGISTRY}/platform-staging-app`,
        REPOSITORY_NAME: "platform-staging-app",
        AWS_REGION: "eu-west-1",
        FAIL_ON_SEVERITIES: "HIGH CRITICAL",
        FINDINGS: findings,
        FINDING_PAGES: String(pages),
        ...extra,
      });
    const severityReads = (calls: string[]) =>
      calls.filter((c) => c.includes("findingSeverityCounts"));

    it("passes an image without HIGH or CRITICAL findings (the CLI prints None for a severity without any)", () => {
      const { failed, calls } = gate("None");
      expect(failed, calls.join("\n")).to.equal(false);
      expect(severityReads(calls)).to.have.length(2);
    });

    it("waits for a scan that has not started or is still running, and reads the findings only once it is COMPLETE", () => {
      const { failed, calls } = gate("None", 1, {
        SCAN_STATUSES: "NOT_FOUND PENDING IN_PROGRESS COMPLETE",
      });
      expect(failed, calls.join("\n")).to.equal(false);
      const polls = calls.filter((c) => c.includes("imageScanStatus.status"));
      expect(polls).to.have.length(4);
      expect(calls.filter((c) => c.startsWith("sleep"))).to.have.length(3);
      expect(calls.indexOf(severityReads(calls)[0])).to.be.greaterThan(calls.indexOf(polls[3]));
    });

    it("fails without reading findings when the scan fails, is unsupported, is not a basic scan, or cannot be read", () => {
      for (const status of ["FAILED", "UNSUPPORTED_IMAGE", "ACTIVE", "DENIED"]) {
        const { failed, calls } = gate("None", 1, { SCAN_STATUSES: status });
        expect(failed, status).to.equal(true);
        expect(severityReads(calls), status).to.deep.equal([]);
        expect(
          calls.filter((c) => c.startsWith("sleep")),
          status,
        ).to.deep.equal([]);
      }
    });

    it("gives up when the scan is still not complete after SCAN_WAIT_SECONDS", () => {
      const { failed, calls } = gate("None", 1, {
        SCAN_STATUSES: "IN_PROGRESS",
        SCAN_WAIT_SECONDS: "0",
      });
      expect(failed).to.equal(true);
      expect(calls.filter((c) => c.includes("imageScanStatus.status"))).to.have.length(1);
      expect(severityReads(calls)).to.deep.equal([]);
    });

    it("builds and pushes a commit's image once, as one plain manifest (no provenance index, which ECR does not scan)", () => {
      const { failed, calls } = gate("None", 1, { NEW_IMAGE: "yes" });
      expect(failed, calls.join("\n")).to.equal(false);
      const build = calls.findIndex((c) => c.startsWith("docker build "));
      const push = calls.indexOf(`docker push ${REGISTRY}/platform-staging-app:0123abcd`);
      expect(build, calls.join("\n")).to.be.greaterThan(-1);
      expect(calls[build].split(" ")).to.include("--provenance=false");
      expect(push).to.be.greaterThan(build);
      expect(calls.findIndex((c) => c.includes("imageScanStatus.status"))).to.be.greaterThan(push);
      // An image the repository already holds is re-checked, not built again.
      expect(gate("None").calls.filter((c) => c.startsWith("docker build"))).to.deep.equal([]);
    });

    it("blocks an image with a HIGH finding", () => {
      expect(gate("2").failed).to.equal(true);
    });

    it("reads one count for an image with more findings than a page (AWS CLI user guide: with --output text, --query runs once per page)", () => {
      const clean = gate("None", 3);
      expect(clean.failed, clean.calls.join("\n")).to.equal(false);
      expect(gate("2", 3).failed).to.equal(true);
    });

    it("fails closed when the findings cannot be read or the answer is not a count", () => {
      expect(gate("fail").failed, "call failed").to.equal(true);
      expect(gate("").failed, "empty answer").to.equal(true);
    });
  });

  describe("deploy: marking the deployed image", () => {
    const deploy = (imageUri: string, extra: Record<string, string> = {}) =>
      run(
        "deploy",
        ["build"],
        {
          CLUSTER_NAME: "c",
          SERVICE_NAME: "s",
          TASK_FAMILY: "f",
          CONTAINER_NAME: "app",
          REPOSITORY_NAME: "platform-staging-app",
          DEPLOYED_TAG_PREFIX,
          DEPLOYED_IMAGES_KEPT: String(DEPLOYED_IMAGES_KEPT),
          DEPLOY_TIMEOUT_SECONDS: "60",
          ...extra,
        },
        { "imagedefinitions.json": JSON.stringify([{ name: "app", imageUri }]) },
      );
    const touchedService = (calls: string[]) =>
      calls.filter((c) => c.startsWith("aws ecs register") || c.startsWith("aws ecs update"));
    const own = `${REGISTRY}/platform-staging-app:0123abcd`;

    it("tags the image deployed-<UTC time> with its own manifest before the service runs it, so the repository's lifecycle keeps it", () => {
      const { failed, calls, manifest } = deploy(own);
      expect(failed, calls.join("\n")).to.equal(false);
      const put = calls.findIndex((c) => c.startsWith("aws ecr put-image"));
      const update = calls.findIndex((c) => c.startsWith("aws ecs update-service"));
      expect(put, calls.join("\n")).to.be.greaterThan(-1);
      expect(put).to.be.lessThan(update);
      expect(calls[put]).to.match(
        /^aws ecr put-image --repository-name platform-staging-app --image-tag deployed-\d{8}T\d{6}Z --image-manifest file:\/\/\S+ --image-manifest-media-type application\/vnd\.oci\.image\.manifest\.v1\+json /,
      );
      // The manifest is put back byte for byte, so the tag lands on the same digest.
      expect(manifest).to.equal('{"schemaVersion":2}');
      expect(calls.find((c) => c.startsWith("aws ecr batch-get-image"))).to.include(
        "--repository-name platform-staging-app --image-ids imageTag=0123abcd",
      );
    });

    it("stops before touching the service when the image is not in the stack's repository", () => {
      const { failed, calls } = deploy(`${REGISTRY}/someone-else:0123abcd`);
      expect(failed).to.equal(true);
      expect(calls.filter((c) => c.startsWith("aws ecs") || c.includes("put-image"))).to.deep.equal(
        [],
      );
    });

    it("stops before touching the service when the image cannot be read or the tag lands elsewhere", () => {
      const unreadable = deploy(own, { FAIL_ECR: "1" });
      expect(unreadable.failed).to.equal(true);
      expect(unreadable.calls.some((c) => c.includes("put-image"))).to.equal(false);
      expect(touchedService(unreadable.calls)).to.deep.equal([]);
      const elsewhere = deploy(own, { PUT_DIGEST: "sha256:bbbb" });
      expect(elsewhere.failed).to.equal(true);
      expect(touchedService(elsewhere.calls)).to.deep.equal([]);
      const unlisted = deploy(own, { IMAGES: "fail" });
      expect(unlisted.failed).to.equal(true);
      expect(unlisted.calls.some((c) => c.includes("put-image"))).to.equal(false);
    });

    // ECR orders deployed images by first push, not by the new tag (aws/containers-roadmap#2746).
    const withNewerDeployed = (count: number) =>
      JSON.stringify({
        imageDetails: [
          ...JSON.parse(OWN_IMAGE).imageDetails,
          ...Array.from({ length: count }, (_, n) => ({
            imageDigest: `sha256:${String(n).padStart(4, "0")}`,
            imageTags: [`c0ffee${n}`, `${DEPLOYED_TAG_PREFIX}202612${10 + n}T000000Z`],
            imagePushedAt: `2026-12-${10 + n}T10:00:00+00:00`,
          })),
        ],
      });

    it(`redeploys an older image while fewer than ${DEPLOYED_IMAGES_KEPT} deployed images were pushed after it (a rollback the lifecycle still keeps)`, () => {
      const { failed, calls } = deploy(own, {
        IMAGES: withNewerDeployed(DEPLOYED_IMAGES_KEPT - 1),
      });
      expect(failed, calls.join("\n")).to.equal(false);
      expect(calls.find((c) => c.startsWith("aws ecr describe-images"))).to.include(
        "--repository-name platform-staging-app --filter tagStatus=TAGGED",
      );
    });

    it(`counts only deployed images pushed after it: ${DEPLOYED_IMAGES_KEPT} newer builds never deployed, or older deployed images, refuse nothing`, () => {
      const images = (pushedAt: (n: number) => string, tags: (n: number) => string[]) =>
        Array.from({ length: DEPLOYED_IMAGES_KEPT }, (_, n) => ({
          imageDigest: `sha256:${String(n).padStart(4, "0")}`,
          imageTags: tags(n),
          imagePushedAt: pushedAt(n),
        }));
      const IMAGES = JSON.stringify({
        imageDetails: [
          ...JSON.parse(OWN_IMAGE).imageDetails,
          ...images(
            (n) => `2026-12-${10 + n}T10:00:00+00:00`,
            (n) => [`c0ffee${n}`],
          ),
          ...images(
            (n) => `2026-11-${10 + n}T10:00:00+00:00`,
            (n) => [`beef${n}`, `${DEPLOYED_TAG_PREFIX}202611${10 + n}T000000Z`],
          ).map((i) => ({ ...i, imageDigest: i.imageDigest.replace("sha256:", "sha256:b") })),
        ],
      });
      const { failed, calls } = deploy(own, { IMAGES });
      expect(failed, calls.join("\n")).to.equal(false);
      expect(calls.some((c) => c.includes("put-image"))).to.equal(true);
    });

    it(`refuses, before any tag, an image pushed before the last ${DEPLOYED_IMAGES_KEPT} deployed ones: the lifecycle would expire it while it runs`, () => {
      const { failed, calls } = deploy(own, { IMAGES: withNewerDeployed(DEPLOYED_IMAGES_KEPT) });
      expect(failed, calls.join("\n")).to.equal(true);
      expect(calls.some((c) => c.includes("put-image"))).to.equal(false);
      expect(touchedService(calls)).to.deep.equal([]);
    });
  });
});
