// Rewrites what repeats the config key declarations: the `config:` block of Pulumi.yaml and the
// reference docs/config.md (`npm run docs:config`), formatted as the repository's Prettier config
// formats them; `--check` only reports whether they are stale (a test does the same).
import * as fs from "fs";
import * as path from "path";
import {
  committedStacks,
  renderConfigReference,
  withProjectConfig,
} from "../components/config/reference";
import { formatMarkdown } from "./lib/generated-docs";
import { escapeText, UsageError, usageErrorText, writeAtomically } from "./lib/cli";
import { parseFlags } from "./lib/flags";

const ROOT = path.resolve(__dirname, "..");
const USAGE = "usage: npm run docs:config [-- --check]\n";

/** The generated files of the project in `root`, path → the content they must have. */
export async function generatedConfigFiles(root = ROOT): Promise<Record<string, string>> {
  const project = path.join(root, "Pulumi.yaml");
  const reference = path.join(root, "docs", "config.md");
  return {
    [project]: await formatMarkdown(withProjectConfig(fs.readFileSync(project, "utf8")), project),
    [reference]: await formatMarkdown(renderConfigReference(committedStacks(root)), reference),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const check = parseFlags(argv, { "--check": {} }).has("--check");
  let stale = 0;
  for (const [file, wanted] of Object.entries(await generatedConfigFiles())) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (current === wanted) continue;
    stale++;
    const shown = path.relative(ROOT, file);
    if (check) process.stdout.write(`${shown} is stale: run npm run docs:config\n`);
    else {
      writeAtomically(file, wanted);
      process.stdout.write(`${shown} rewritten\n`);
    }
  }
  if (stale === 0)
    process.stdout.write("Pulumi.yaml config block and docs/config.md are up to date\n");
  return check && stale > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      // Exit 1 means "stale" with --check: a bad argument, or a file that cannot be read or
      // rendered, is exit 2.
      process.stderr.write(
        e instanceof UsageError
          ? usageErrorText(e, USAGE)
          : `error: ${escapeText(e instanceof Error ? e.message : String(e))}\n`,
      );
      process.exitCode = 2;
    },
  );
}
