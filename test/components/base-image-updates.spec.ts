// The app image's base images (app/Dockerfile) are kept current, and pinned by digest, by
// Renovate's built-in dockerfile manager (renovate.json). That manager reads `ARG` defaults used in
// `FROM ${NAME}` ("Renovate will automatically expand variables and ARG directives",
// renovatebot/renovate lib/modules/manager/dockerfile/readme.md): it resolves the variable from the
// ARG lines before the FROM and writes an update into the ARG line, replacing the first occurrence
// of the tag (or digest) in that line (lib/modules/manager/dockerfile/extract.ts,
// `processDepForAutoReplace`, `getAutoReplaceTemplate`). A regex custom manager matching the same
// lines would find each image a second time, and two pins of one line can stack
// (`name:tag@sha256:…@sha256:…`), a reference `docker build` refuses. So this spec holds:
// - every stage's FROM is `${NAME}` of an `ARG NAME=<registry>/<path>:<tag>[@sha256:<64 hex>]`
//   line before the first FROM (Dockerfile reference, "Understand how ARG and FROM interact": a FROM
//   sees only those), on one line, where the tag's first occurrence is the tag itself;
// - exactly one package rule sets `pinDigests`, scoped to the dockerfile manager and this file
//   (`matchFileNames` is matched against the package file's path, lib/util/package-rules/files.ts);
// - no custom manager matches those ARG lines (regex managers run each matchString with the `g`
//   flag over the whole file, lib/modules/manager/custom/regex/strategies.ts).
// Each check is a function of the two files' text, run on the committed files and on copies broken
// one field at a time.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers";

const DOCKERFILE = "app/Dockerfile";
const committedDockerfile = fs.readFileSync(path.join(ROOT, DOCKERFILE), "utf8");
const committedRenovate = JSON.parse(fs.readFileSync(path.join(ROOT, "renovate.json"), "utf8"));

type RenovateConfig = Record<string, unknown>;

/** An `ARG NAME=value` line as the dockerfile manager reads it (one line, quotes stripped). */
interface ArgLine {
  readonly name: string;
  readonly value: string;
  readonly line: number; // 1-based
  readonly text: string;
  readonly start: number; // offset of the line in the file
}

// extract.ts: `^[ \t]*ARG(...)+(?<name>\w+)[ =](?<value>\S*)` and `^[ \t]*FROM(...)+(?<image>\S+)`.
const ARG_RE = /^[ \t]*ARG[ \t]+(\w+)[ =](\S*)/i;
const FROM_RE = /^[ \t]*FROM(?:[ \t]+--platform=\S+)?[ \t]+(\S+)(?:[ \t]+as[ \t]+(\S+))?/i;
// A full reference: a registry host (with a "." or a port, or localhost), a path, a tag, at most
// one digest. Docker's tag grammar: `[\w][\w.-]{0,127}`.
const IMAGE_RE =
  /^((?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+):([\w][\w.-]{0,127})(?:@(sha256:[a-f0-9]{64}))?$/;

/** What must hold of the Dockerfile for the dockerfile manager; each problem names its line. */
function dockerfileProblems(dockerfile: string): { problems: string[]; imageArgs: ArgLine[] } {
  const problems: string[] = [];
  const globalArgs = new Map<string, ArgLine>();
  const imageArgs: ArgLine[] = [];
  const stages: string[] = [];
  let offset = 0;
  let seenFrom = false;
  dockerfile.split("\n").forEach((text, i) => {
    const at = `${DOCKERFILE}:${i + 1}`;
    const start = offset;
    offset += text.length + 1;
    const arg = ARG_RE.exec(text);
    if (arg && !seenFrom) {
      const value = arg[2].replace(/^(["'])(.*)\1$/, "$2");
      globalArgs.set(arg[1], { name: arg[1], value, line: i + 1, text, start });
      if (/\\\s*$/.test(text)) {
        problems.push(`${at}: ARG ${arg[1]} continues on the next line; keep it on one line`);
      }
    }
    const from = FROM_RE.exec(text);
    if (!from) return;
    seenFrom = true;
    // FROM <earlier stage> builds on that stage, not an image (extract.ts skips it too).
    if (stages.includes(from[1])) return;
    if (from[2]) stages.push(from[2]);
    const v = /^\$\{(\w+)\}$/.exec(from[1]);
    if (!v) {
      problems.push(`${at}: FROM ${from[1]}: name the image through an ARG, FROM \${NAME}`);
      return;
    }
    const a = globalArgs.get(v[1]);
    if (!a) {
      problems.push(
        `${at}: FROM \${${v[1]}}: declare ARG ${v[1]}=<image>:<tag> before the first FROM`,
      );
      return;
    }
    if (!imageArgs.includes(a)) imageArgs.push(a);
  });
  if (!seenFrom) problems.push(`${DOCKERFILE}: no FROM`);
  for (const a of imageArgs) {
    const at = `${DOCKERFILE}:${a.line}`;
    const m = IMAGE_RE.exec(a.value);
    if (!m) {
      problems.push(
        `${at}: ARG ${a.name}=${a.value} is not <registry>/<path>:<tag>[@sha256:<64 hex>] ` +
          "(a full reference with a tag and at most one digest)",
      );
    } else if (a.text.indexOf(m[2]) !== a.text.indexOf(a.value) + m[1].length + 1) {
      problems.push(
        `${at}: the tag ${m[2]} occurs earlier in the line; Renovate would write the new tag there`,
      );
    }
  }
  return { problems, imageArgs };
}

/** `/regex/` is a regular expression, anything else a glob; globs beyond `*`, `**`, `?` may match. */
function patternMayMatch(pattern: string, file: string): boolean {
  const re = /^\/(.*)\/$/.exec(pattern);
  if (re) return new RegExp(re[1]).test(file);
  if (/[[\]{}()!+@]/.test(pattern)) return true;
  const glob = pattern
    .split("**")
    .map((p) =>
      p.replace(/[.*+?^${}()|[\]\\]/g, (c) =>
        c === "*" ? "[^/]*" : c === "?" ? "[^/]" : `\\${c}`,
      ),
    )
    .join(".*");
  return new RegExp(`^${glob}$`).test(file);
}

/** What must hold of renovate.json for the Dockerfile's image ARG lines; each problem names its key. */
function renovateProblems(
  config: RenovateConfig,
  dockerfile: string,
  imageArgs: ArgLine[],
): string[] {
  const problems: string[] = [];
  if (config.pinDigests !== undefined) {
    problems.push(`renovate.json pinDigests: set it in the ${DOCKERFILE} package rule only`);
  }
  const rules = (config.packageRules ?? []) as Record<string, unknown>[];
  const pinning = rules.map((r, i) => ({ r, i })).filter(({ r }) => "pinDigests" in r);
  if (pinning.length !== 1) {
    problems.push(
      `renovate.json packageRules: ${pinning.length} rules set pinDigests; want one, ` +
        `{ "matchManagers": ["dockerfile"], "matchFileNames": ["${DOCKERFILE}"], "pinDigests": true }`,
    );
  }
  for (const { r, i } of pinning) {
    const key = `renovate.json packageRules[${i}]`;
    if (r.pinDigests !== true) problems.push(`${key}.pinDigests: must be true`);
    if (JSON.stringify(r.matchManagers) !== JSON.stringify(["dockerfile"])) {
      problems.push(
        `${key}.matchManagers: must be ["dockerfile"], the manager that reads FROM \${NAME}`,
      );
    }
    if (JSON.stringify(r.matchFileNames) !== JSON.stringify([DOCKERFILE])) {
      problems.push(
        `${key}.matchFileNames: must be ["${DOCKERFILE}"], the path from the repository root`,
      );
    }
  }
  const managers = (["customManagers", "regexManagers"] as const).flatMap((field) =>
    ((config[field] ?? []) as Record<string, unknown>[]).map((m, i) => ({
      m,
      key: `${field}[${i}]`,
    })),
  );
  for (const { m, key } of managers) {
    // A JSONata manager's matchStrings are queries over JSON or YAML, not patterns over text.
    if (m.customType !== undefined && m.customType !== "regex") continue;
    const patterns = [
      ...((m.managerFilePatterns ?? []) as string[]),
      ...((m.fileMatch ?? []) as string[]).map((p) => `/${p}/`),
    ];
    if (!patterns.some((p) => patternMayMatch(p, DOCKERFILE))) continue;
    for (const s of (m.matchStrings ?? []) as string[]) {
      for (const hit of dockerfile.matchAll(new RegExp(s, "g"))) {
        const end = hit.index! + hit[0].length;
        for (const a of imageArgs.filter(
          (x) => hit.index! < x.start + x.text.length && x.start < end,
        )) {
          problems.push(
            `renovate.json ${key} matches ${DOCKERFILE}:${a.line} (ARG ${a.name}), which the ` +
              "dockerfile manager already reads: the image would be found twice; remove the custom manager",
          );
        }
      }
    }
  }
  return problems;
}

/** Every problem of the pair, Dockerfile first. */
function problemsOf(config: RenovateConfig, dockerfile: string): string[] {
  const d = dockerfileProblems(dockerfile);
  return [...d.problems, ...renovateProblems(config, dockerfile, d.imageArgs)];
}

/** The committed renovate.json with `change` applied to a deep copy. */
function renovateWith(
  change: (c: RenovateConfig & { packageRules: Record<string, unknown>[] }) => void,
): RenovateConfig {
  const copy = JSON.parse(JSON.stringify(committedRenovate));
  change(copy);
  return copy;
}

/** The committed Dockerfile with one line replaced. */
function dockerfileWith(from: string, to: string): string {
  expect(committedDockerfile, `${DOCKERFILE} has "${from}"`).to.include(from);
  return committedDockerfile.replace(from, to);
}

/** The package rule that sets pinDigests; an error naming the fix if there is none. */
function pinRuleOf(config: RenovateConfig): Record<string, unknown> {
  const rule = ((config.packageRules ?? []) as Record<string, unknown>[]).find(
    (r) => "pinDigests" in r,
  );
  if (!rule)
    throw new Error(`renovate.json: no package rule sets pinDigests; add one for ${DOCKERFILE}`);
  return rule;
}

const nodeArg = /^ARG NODE_IMAGE=.*$/m.exec(committedDockerfile)![0];
const DIGEST = `sha256:${"a".repeat(64)}`;

describe("App base images: read, pinned and updated by Renovate's dockerfile manager", () => {
  it("holds for the committed renovate.json and app/Dockerfile", () => {
    const d = dockerfileProblems(committedDockerfile);
    expect(d.imageArgs.map((a) => a.name)).to.deep.equal(["NODE_IMAGE", "RUNTIME_IMAGE"]);
    expect(problemsOf(committedRenovate, committedDockerfile)).to.deep.equal([]);
    expect(pinRuleOf(committedRenovate).labels).to.include("base-image");
  });

  it("accepts the ARG lines as the Pin Dependencies PR writes them (tag@digest)", () => {
    const pinned = dockerfileWith(nodeArg, `${nodeArg}@${DIGEST}`);
    expect(problemsOf(committedRenovate, pinned)).to.deep.equal([]);
  });

  describe("names what a broken copy gets wrong", () => {
    const cases: [string, () => RenovateConfig, () => string, RegExp][] = [
      [
        "a regex custom manager that reads the ARG lines too",
        () =>
          renovateWith((c) => {
            c.customManagers = [
              {
                customType: "regex",
                managerFilePatterns: ["/(^|/)Dockerfile$/"],
                matchStrings: [
                  "ARG [A-Z_]+_IMAGE=(?<depName>[^:\\s]+):(?<currentValue>[^\\s@]+)(?:@(?<currentDigest>sha256:[a-f0-9]+))?\\s",
                ],
                datasourceTemplate: "docker",
              },
            ];
          }),
        () => committedDockerfile,
        /customManagers\[0\] matches app\/Dockerfile:\d+ \(ARG NODE_IMAGE\)/,
      ],
      [
        "a custom manager by the deprecated fileMatch",
        () =>
          renovateWith((c) => {
            c.regexManagers = [
              { fileMatch: ["Dockerfile$"], matchStrings: ["ARG RUNTIME_IMAGE=\\S+"] },
            ];
          }),
        () => committedDockerfile,
        /regexManagers\[0\] matches app\/Dockerfile:\d+ \(ARG RUNTIME_IMAGE\)/,
      ],
      [
        "pinDigests on every docker image, not scoped to the manager and file",
        () =>
          renovateWith((c) => {
            c.packageRules = c.packageRules.filter((r) => !("pinDigests" in r));
            c.packageRules.push({ matchDatasources: ["docker"], pinDigests: true });
          }),
        () => committedDockerfile,
        /packageRules\[\d+\]\.matchManagers: must be \["dockerfile"\]/,
      ],
      [
        "matchFileNames naming the file without its folder (never matches app/Dockerfile)",
        () =>
          renovateWith((c) => {
            pinRuleOf(c).matchFileNames = ["Dockerfile"];
          }),
        () => committedDockerfile,
        /packageRules\[\d+\]\.matchFileNames: must be \["app\/Dockerfile"\]/,
      ],
      [
        "a second rule that turns the pins off again",
        () =>
          renovateWith((c) => {
            c.packageRules.push({ matchDatasources: ["docker"], pinDigests: false });
          }),
        () => committedDockerfile,
        /packageRules: 2 rules set pinDigests/,
      ],
      [
        "pinDigests for the whole repository",
        () =>
          renovateWith((c) => {
            c.pinDigests = true;
          }),
        () => committedDockerfile,
        /^renovate\.json pinDigests: set it in the app\/Dockerfile package rule only$/,
      ],
      [
        "two pins stacked on one line",
        () => committedRenovate,
        () => dockerfileWith(nodeArg, `${nodeArg}@${DIGEST}@${DIGEST}`),
        /app\/Dockerfile:\d+: ARG NODE_IMAGE=\S+ is not <registry>/,
      ],
      [
        "a digest cut short",
        () => committedRenovate,
        () => dockerfileWith(nodeArg, `${nodeArg}@sha256:abc`),
        /ARG NODE_IMAGE=\S+ is not </,
      ],
      [
        "an image without a tag",
        () => committedRenovate,
        () => dockerfileWith(nodeArg, nodeArg.replace(/:[^:]+$/, "")),
        /ARG NODE_IMAGE=\S+ is not </,
      ],
      [
        "a Docker Hub short name (no registry host)",
        () => committedRenovate,
        () => dockerfileWith(nodeArg, "ARG NODE_IMAGE=node:22-bookworm-slim"),
        /ARG NODE_IMAGE=node:22-bookworm-slim is not </,
      ],
      [
        "a tag that also occurs earlier in the line",
        () => committedRenovate,
        () => dockerfileWith(nodeArg, "ARG NODE_IMAGE=public.ecr.aws/docker/library/node22:22"),
        /the tag 22 occurs earlier in the line/,
      ],
      [
        "a stage built from a literal image",
        () => committedRenovate,
        () =>
          dockerfileWith(
            "FROM ${NODE_IMAGE} AS deps",
            "FROM public.ecr.aws/docker/library/node:22 AS deps",
          ),
        /FROM public\.ecr\.aws\S+: name the image through an ARG/,
      ],
      [
        "an image ARG declared after the first FROM (a FROM does not see it)",
        () => committedRenovate,
        () =>
          dockerfileWith(`${nodeArg}\n`, "").replace(
            "WORKDIR /src\n",
            `WORKDIR /src\n${nodeArg}\n`,
          ),
        /FROM \$\{NODE_IMAGE\}: declare ARG NODE_IMAGE=<image>:<tag> before the first FROM/,
      ],
    ];
    for (const [name, config, dockerfile, expected] of cases) {
      it(name, () => {
        const problems = problemsOf(config(), dockerfile());
        expect(
          problems.some((p) => expected.test(p)),
          problems.join("\n"),
        ).to.equal(true);
      });
    }
  });
});
