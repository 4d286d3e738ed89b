// The pipeline's buildspecs live in `buildspec/*.yml` at the repository root and are embedded in
// the CodeBuild projects when the program runs. The pipeline therefore runs the reviewed version
// that `pulumi up` deployed, never a buildspec taken from the branch being built: a commit can
// change the app and its tests, but not what the image and deploy stages do with their roles.
import * as fs from "fs";
import * as path from "path";

/** `buildspec/` at the repository root. */
export const BUILDSPEC_DIR = path.resolve(__dirname, "..", "..", "buildspec");

/** The three stages, each with its own CodeBuild project, role and buildspec. */
export const BUILD_STAGES = ["test", "image", "deploy"] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

/** The buildspec text of a stage (`buildspec/<stage>.yml`). */
export function readBuildspec(stage: BuildStage): string {
  const file = path.join(BUILDSPEC_DIR, `${stage}.yml`);
  return fs.readFileSync(file, "utf8");
}
