// `npm run diagram -- [--stack <name>]... [--view network|delivery|data|all] [--write-docs]`:
// Mermaid views of each stack, generated from the resources the program registers (the offline
// check's recording): the network, the delivery pipeline, the data and its keys. Prints Markdown
// (each diagram with the table of what its nodes stand for); `--write-docs` rewrites the views in
// docs/architecture.md instead. Exit code 0, or 2 for a usage or program error.
import * as fs from "fs";
import { ROOT } from "./lib/recording";
import { listStacks, loadProject } from "./check/project";
import { runTool, UsageError } from "./lib/cli";
import { VIEW_NAMES as VIEWS, ViewName } from "./diagram/views";

const USAGE = `Usage: npm run diagram -- [options]

  --stack <name>   a stack to draw (repeatable; default: every Pulumi.<stack>.yaml)
  --view <view>    network, delivery, data or all (default: all)
  --write-docs     rewrite the views in docs/architecture.md (every stack, every view)
  --help           this text
`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const stacks: string[] = [];
  let view: string | undefined;
  let writeDocs = false;
  const value = (flag: string, v: string | undefined) => {
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--stack" || a === "-s") stacks.push(value(a, argv[++i]));
    else if (a === "--view") {
      if (view !== undefined) throw new UsageError("--view given twice");
      view = value(a, argv[++i]);
      if (view !== "all" && !(VIEWS as readonly string[]).includes(view))
        throw new UsageError(`unknown view ${view} (views: ${VIEWS.join(", ")}, all)`);
    } else if (a === "--write-docs") writeDocs = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(USAGE);
      return 0;
    } else throw new UsageError(`unknown option ${a}`);
  }
  const known = listStacks(loadProject(ROOT));
  for (const s of stacks) {
    if (!known.includes(s))
      throw new UsageError(
        `no stack ${s}: Pulumi.${s}.yaml does not exist (stacks: ${known.join(", ")})`,
      );
  }
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
    const file = docs.ARCHITECTURE_DOC;
    const before = fs.readFileSync(file, "utf8");
    const after = await docs.withArchitectureViews(before, views);
    if (after !== before) fs.writeFileSync(file, after);
    process.stdout.write(
      `${file.slice(ROOT.length + 1)}: ${after === before ? "up to date" : "views rewritten"}\n`,
    );
  } else {
    process.stdout.write(docs.viewsMarkdown(views));
  }
  return 0;
}

runTool(main, USAGE);
