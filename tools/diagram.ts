// `npm run diagram -- [--stack <name>]... [--view network|delivery|data|all] [--write-docs]`:
// Mermaid views of each stack, generated from the resources the program registers (the offline
// check's recording): the network, the delivery pipeline, the data and its keys. Prints Markdown
// (each diagram with the table of what its nodes stand for); `--write-docs` rewrites the view
// documents docs/architecture/<view>.md instead. Exit code 0, or 2 for a usage or program error.
import * as fs from "fs";
import { ROOT } from "./lib/recording";
import { loadProject, requireStacks } from "./check/project";
import { printUsage, runTool, UsageError, writeAtomically } from "./lib/cli";
import { flagValue, parseFlags } from "./lib/flags";
import { VIEW_NAMES as VIEWS, ViewName } from "./diagram/views";

export const USAGE = `Usage: npm run diagram -- [options]

  --stack <name>   a stack to draw (repeatable; default: every Pulumi.<stack>.yaml)
  --view <view>    network, delivery, data or all (default: all)
  --write-docs     rewrite the view documents docs/architecture/<view>.md (every stack)
  --help           this text
`;

/** The flags of `npm run diagram` (read by tools/lib/flags.ts: `--flag value` or `--flag=value`). */
const FLAGS = {
  "--stack": { value: true, repeatable: true, alias: "-s" },
  "--view": { value: true },
  "--write-docs": {},
  "--help": { alias: "-h" },
} as const;

interface Args {
  readonly stacks: string[];
  readonly view?: string;
  readonly writeDocs: boolean;
  readonly help: boolean;
}

/** The flags of `npm run diagram`; `--help` wins over a view it does not know. */
export function parseArgs(argv: readonly string[]): Args {
  const flags = parseFlags(argv, FLAGS);
  const view = flagValue(flags, "--view");
  const help = flags.has("--help");
  if (
    !help &&
    view !== undefined &&
    view !== "all" &&
    !(VIEWS as readonly string[]).includes(view)
  ) {
    throw new UsageError(`unknown view '${view}': use ${VIEWS.join(", ")} or all`, true);
  }
  return {
    stacks: [...new Set(flags.get("--stack") ?? [])],
    view,
    writeDocs: flags.has("--write-docs"),
    help,
  };
}

async function main(): Promise<number> {
  const { stacks, view, writeDocs, help } = parseArgs(process.argv.slice(2));
  if (help) return printUsage(USAGE);
  const known = requireStacks(loadProject(ROOT), stacks);
  if (writeDocs && (stacks.length > 0 || view !== undefined))
    throw new UsageError("--write-docs draws every view of every stack");
  const { recordStack } = await import("./lib/recording");
  const { buildViews } = await import("./diagram/views");
  const names = view === undefined || view === "all" ? VIEWS : [view as ViewName];
  const views = [];
  for (const stack of stacks.length ? stacks : known)
    views.push(...buildViews(await recordStack(stack), names));
  const docs = await import("./diagram/docs");
  if (writeDocs) {
    for (const name of VIEWS) {
      const file = docs.VIEW_DOCS[name];
      const before = fs.readFileSync(file, "utf8");
      const after = await docs.withViewDoc(before, name, views);
      if (after !== before) writeAtomically(file, after);
      process.stdout.write(
        `${file.slice(ROOT.length + 1)}: ${after === before ? "up to date" : "views rewritten"}\n`,
      );
    }
  } else {
    process.stdout.write(docs.viewsMarkdown(views));
  }
  return 0;
}

if (require.main === module) runTool(main, USAGE);
