// The pipeline's buildspecs live in `buildspec/*.yml` at the repository root and are embedded in
// the CodeBuild projects when the program runs. The pipeline therefore runs the reviewed version
// that `pulumi up` deployed, never a buildspec taken from the branch being built: a commit can
// change the app and its tests, but not what the image and deploy stages do with their roles.
import * as fs from "fs";
import * as path from "path";

/** `buildspec/` at the repository root. */
export const BUILDSPEC_DIR = path.resolve(__dirname, "..", "..", "buildspec");

/** CodeBuild image of every project: Amazon Linux 2023 standard image 5.0 (x86_64, like the Fargate task). */
export const BUILD_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

/**
 * The runtimes {@link BUILD_IMAGE} offers to a buildspec's `runtime-versions`, by name and major
 * version (CodeBuild User Guide, "Available runtimes"; the image's own list,
 * aws/aws-codebuild-docker-images `al/x86_64/standard/5.0/runtimes.yml`: nodejs 18, 20, 22, 24).
 * A version the image does not list is downloaded during the install phase, if at all, so the
 * buildspecs name only these (test/components/pipeline/buildspec-calls.spec.ts).
 */
export const BUILD_IMAGE_RUNTIMES: Readonly<Record<string, readonly string[]>> = {
  nodejs: ["18", "20", "22", "24"],
};

/** The three stages, each with its own CodeBuild project, role and buildspec. */
export const BUILD_STAGES = ["test", "image", "deploy"] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

/** The buildspec text of a stage (`buildspec/<stage>.yml`). */
export function readBuildspec(stage: BuildStage): string {
  const file = path.join(BUILDSPEC_DIR, `${stage}.yml`);
  return fs.readFileSync(file, "utf8");
}
