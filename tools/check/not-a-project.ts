// What a folder given to --program is when it has no Pulumi.yaml, so the refusal says what to
// give instead: a CrossGuard policy pack (PulumiPolicy.yaml, which `pulumi preview --policy-pack`
// runs on a program), a script of the Automation API (which deploys a program of its own), or a
// folder with Pulumi projects below or above it.
import * as fs from "fs";
import * as path from "path";
import { shownPath } from "./inputs";
import { automationAdvice, automationCalls } from "../lib/engine/hints-automation";
import { projectsBelow } from "../lib/engine/program-sources";

/** The nearest folder above `dir` (at most three levels up) that holds a Pulumi.yaml. */
function projectAbove(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (let i = 0; i < 3 && path.dirname(d) !== d; i++) {
    d = path.dirname(d);
    if (["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(d, f)))) return d;
  }
  return undefined;
}

/** The sentences that follow "<dir> is not a Pulumi project: it has no Pulumi.yaml". */
export function notAProjectHint(dir: string): string {
  const nearby = [...projectsBelow(dir), ...[projectAbove(dir)].filter((p) => p !== undefined)];
  const listed = nearby.length
    ? `; Pulumi projects nearby: ${nearby.map((p) => `--program ${shownPath(p)}`).join(", ")}`
    : "";
  if (["PulumiPolicy.yaml", "PulumiPolicy.yml"].some((f) => fs.existsSync(path.join(dir, f)))) {
    return (
      `. It holds PulumiPolicy.yaml: it is a CrossGuard policy pack, which \`pulumi preview ` +
      `--policy-pack ${shownPath(dir)}\` runs on a program, not a program; give --program the ` +
      `program's folder (the check judges it with its own pack)${listed}`
    );
  }
  // Only the folder's own files: a folder of projects (or a home folder given by mistake) is not
  // searched through for the scripts of the projects below it.
  const calls = automationCalls(dir, [], 0);
  if (calls.length) return `. ${automationAdvice(calls, dir, shownPath)}`;
  return listed;
}
