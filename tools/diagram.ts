// `npm run diagram -- [--stack <name>]... [--write-docs]`: a Mermaid diagram of each stack's
// components, network tiers and data flows, generated from the resources the program registers
// (the offline check's mock run). `--write-docs` rewrites the diagrams in docs/architecture.md and
// README.md. Exit code 0, or 2 for a usage or program error.
import * as fs from "fs";
import { ROOT } from "./lib/recording";
import { listStacks, loadProject } from "./check/project";
import { UsageError } from "./lib/cli";

const USAGE = `Usage: npm run diagram -- [options]

  --stack <name>   a stack to draw (repeatable; default: every Pulumi.<stack>.yaml)
  --write-docs     rewrite the generated diagrams of docs/architecture.md and README.md (every stack)
  --help           this text
`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const stacks: string[] = [];
  let writeDocs = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--stack" || a === "-s") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      stacks.push(v);
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
  if (writeDocs && stacks.length > 0) throw new UsageError("--write-docs draws every stack");
  const { recordStack } = await import("./lib/recording");
  const { buildDiagram } = await import("./diagram/build");
  const diagrams = [];
  for (const stack of stacks.length ? stacks : known)
    diagrams.push(buildDiagram(await recordStack(stack)));
  if (writeDocs) {
    const docs = await import("./diagram/docs");
    for (const [file, render] of [
      [docs.ARCHITECTURE_DOC, docs.withArchitectureDiagrams],
      [docs.README, docs.withReadmeDiagram],
    ] as const) {
      const before = fs.readFileSync(file, "utf8");
      const after = await render(before, diagrams);
      if (after !== before) fs.writeFileSync(file, after);
      process.stdout.write(
        `${file.slice(ROOT.length + 1)}: ${after === before ? "up to date" : "diagram rewritten"}\n`,
      );
    }
  } else {
    for (const d of diagrams) process.stdout.write(`%% stack ${d.stack}\n${d.mermaid}\n\n`);
  }
  return 0;
}

let finished = false;
// A program that awaits a value never known at preview leaves nothing to run: Node would exit
// quietly with status 0. That is a failure, not a result.
process.on("beforeExit", () => {
  if (finished) return;
  finished = true;
  process.stderr.write(
    "error: the program never finished: it awaits something that does not settle during a preview\n",
  );
  process.exitCode = 2;
});

main().then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) process.stderr.write(`error: ${e.message}\n\n${USAGE}`);
    else process.stderr.write(`error: ${(e as Error)?.stack ?? e}\n`);
    finished = true;
    process.exitCode = 2;
  },
);
