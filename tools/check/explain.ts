// Explains a program failure for the terminal: the program's message and location, the source
// line, the program's own stack frames and output; and what the stack's config tells about it. A
// secret the check could not decrypt offline, which the failure names (or whose placeholder it
// quotes), becomes the reason, with how to supply it (`--config key=value`); keys of the stack
// file the failure names are pointed at by file and line, without stack frames (a config error
// is about a value, not the code that checked it).
import * as fs from "fs";
import * as path from "path";
import { Project, shownPath, StackConfig } from "./project";
import { quotesPlaceholder } from "./secret-placeholders";
import { UNDECRYPTABLE_READ_KIND } from "./undecryptable-reads";
import type { ProgramError } from "./result";
import { missingModule } from "../lib/engine/hints";
import { compileFailed, failedBeforeConfig } from "../lib/engine/failure-stage";

/** The stack configs of the run, by stack. */
export type ConfigsByStack = ReadonlyMap<string, { project: Project; config: StackConfig }>;

const shown = shownPath;

/** Whether `text` names config key `key` (`project:name`), fully or by its bare name. */
function mentions(text: string, key: string, project: string): boolean {
  const bare = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : undefined;
  const word = (w: string) =>
    new RegExp(`(^|[^\\w:.-])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w-])`).test(text);
  return word(key) || (bare !== undefined && word(bare));
}

/**
 * What the stack's config tells about a program failure: a secret the check could not decrypt
 * that the failure names (or whose placeholder it quotes) becomes the reason, with how to supply
 * it offline; keys of the stack file the failure names are pointed at by file and line.
 */
export function configHints(
  e: ProgramError,
  configsByStack: ConfigsByStack,
): { reason?: string; notes: string[]; envNotes?: string[]; configError: boolean } {
  const known = e.stack_ ? configsByStack.get(e.stack_) : undefined;
  if (!known) return { notes: [], configError: false };
  // The refusal of a secret read with a plain typed getter (./undecryptable-reads.ts) names each
  // key and how to give it already.
  if (e.kind === UNDECRYPTABLE_READ_KIND) return { notes: [], configError: true };
  const { project, config } = known;
  const text = `${e.message}\n${e.detail ?? ""}`;
  const file = config.file ? shownPath(config.file) : `Pulumi.${e.stack_}.yaml`;
  const secrets = Object.keys(config.placeholders).sort();
  const named = secrets.filter((k) => mentions(e.message, k, project.name));
  const quoted = secrets.filter((k) => {
    const p = config.placeholders[k];
    // "0" or "false" (integer and boolean placeholders) only as a word of the message.
    return p.length > 8 ? quotesPlaceholder(text, p) : mentions(e.message, p, "");
  });
  const notes: string[] = [];
  let reason: string | undefined;
  const supply = (keys: string[]) =>
    `give ${keys.length > 1 ? "their values" : "its value"} for this run with ` +
    keys.map((k) => `--config ${k}=<value>`).join(" ") +
    " (used for this run only, never written anywhere)";
  // Each secret has a placeholder of its own; "0" and "false" (integer and boolean keys) may be
  // any of them.
  const own =
    quoted.length === 1 && (secrets.length === 1 || config.placeholders[quoted[0]].length > 8);
  if (named.length > 0 || own) {
    const keys = named.length > 0 ? named : quoted;
    reason =
      `${keys.join(", ")} ${keys.length > 1 ? "are secrets" : "is a secret"} ` +
      `(secure: in ${keys.map((k) => `${file}${config.lines[k] ? `:${config.lines[k]}` : ""}`).join(", ")}) ` +
      `that the check cannot decrypt offline; the program got the placeholder ` +
      `${keys.map((k) => JSON.stringify(config.placeholders[k])).join(", ")} and failed on it: ${supply(keys)}`;
  } else if (secrets.length > 0 && !failedBeforeConfig(e.message)) {
    // A program that did not compile, or imports a package that is not installed, failed before
    // it read any config: no secret's placeholder is a possible cause, so none is named.
    notes.push(
      `note: ${secrets.join(", ")} ${secrets.length > 1 ? "are secrets" : "is a secret"} the check could not decrypt offline ` +
        `(the program got ${secrets.map((k) => JSON.stringify(config.placeholders[k])).join(", ")}); ` +
        `if the failure comes from ${secrets.length > 1 ? "one of them" : "it"}, ${supply(secrets)}`,
    );
  }
  // A required key the program did not get: an ESC environment the stack imports may be where
  // its value lives, and offline it cannot be opened.
  const missing = /Missing required configuration variable '([^']+)'/.exec(e.message)?.[1];
  // The SDK asks for `--secret` when the program read the key with requireSecret (its
  // ConfigMissingError, sdk/nodejs/config.ts), so the stack file keeps it encrypted.
  const secret = !!missing && e.message.includes(`pulumi config set --secret ${missing}`);
  const unsettable = missing && !reason ? unsettableKey(missing, secret) : undefined;
  if (unsettable) reason = unsettable;
  else if (missing && !reason) {
    const envs = config.environments ?? [];
    const secretFlag = secret ? "--secret " : "";
    reason =
      `${missing} is not set` +
      (envs.length > 0
        ? ` in ${file}, which imports Pulumi ESC environment${envs.length > 1 ? "s" : ""} ` +
          `${envs.map((x) => JSON.stringify(x)).join(", ")} that the check cannot open offline; ` +
          `if ${envs.length > 1 ? "one of them" : "it"} provides the value, ${supply([missing])}`
        : `; set it with \`pulumi config set ${secretFlag}${missing} <value> --stack ${e.stack_}\`, ` +
          `or ${supply([missing])}`) +
      otherNamespace(missing, config.lines, file);
  }
  // Another failure of a program whose stack imports ESC environments, when it plausibly comes
  // from a value they hold: `pulumi preview` opens them and gives the program their
  // `pulumiConfig` as config and their `environmentVariables` in its environment (ESC docs,
  // "Pulumi IaC" integration; pulumi/pulumi-hugo#3863), which offline the program never gets.
  // A plain program bug (an index out of range) owes nothing to them: no note.
  const envNotes =
    !reason &&
    (config.environments ?? []).length > 0 &&
    !failedBeforeConfig(e.message) &&
    FROM_ENVIRONMENT.some((re) => re.test(text))
      ? [escNote(config.environments ?? [], file)]
      : [];
  const set = Object.keys(config.lines)
    .sort()
    .filter((k) => mentions(e.message, k, project.name));
  for (const k of set) {
    notes.push(`  ${k} is set at ${file}:${config.lines[k]}`);
    const shape = structured(config.values[k]);
    if (shape && LIST_OR_MAP_USE.test(e.message))
      notes.push(structuredNote(k, shape, project.name));
  }
  return {
    reason,
    notes,
    ...(envNotes.length > 0 ? { envNotes } : {}),
    configError: set.length > 0 || !!reason,
  };
}

/**
 * A failure that plausibly comes from the program's environment or config: its text or stack
 * names `process.env`, environment variables, a config read (the SDK's Config.get*, require*),
 * or an upper-case variable name with "not set", "missing" or "required".
 */
const FROM_ENVIRONMENT: readonly RegExp[] = [
  /process\.env/,
  /environment variable/i,
  /\bConfig\.(?:get|require)\w*\b/,
  /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b[^\n]*\b(?:not set|is required|missing|undefined|empty)\b/,
  /\b(?:[Mm]issing|[Rr]equired|not set)\b[^\n]*\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/,
];

/**
 * What a failing program may have missed from the ESC environments its stack imports: their
 * config and environment variables, and how to give them to an offline run.
 */
function escNote(envs: readonly string[], file: string): string {
  const names = envs.map((x) => JSON.stringify(x)).join(", ");
  const one = envs.length === 1;
  return (
    `  note: ${file} imports Pulumi ESC environment${one ? "" : "s"} ${names}, which the check ` +
    `cannot open offline: \`pulumi preview\` gives the program ${one ? "its" : "their"} ` +
    `pulumiConfig values as config and ${one ? "its" : "their"} environmentVariables in its ` +
    `environment; if the failure comes from one of them, export the variable in the shell that ` +
    `runs the check, or give the key with --config <key>=<value>`
  );
}

/** A failure of a list or object operation on a value that is not one (a string, here). */
const LIST_OR_MAP_USE =
  /is not a function|is not iterable|Cannot read propert(?:y|ies) of undefined|Cannot use 'in' operator/;

/** "list" or "map" when a config value is a YAML sequence or mapping (which arrives as JSON). */
function structured(value: string | undefined): "list" | "map" | undefined {
  if (!value || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const v: unknown = JSON.parse(value);
    return Array.isArray(v) ? "list" : v && typeof v === "object" ? "map" : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A structured value read as text: the CLI hands the program a YAML list or map as its JSON text,
 * which `config.require` / `config.get` return as is, while `requireObject` / `getObject` parse
 * it (@pulumi/pulumi config.ts, `getObject`: `JSON.parse(v)`); `pulumi preview` fails the same way.
 */
function structuredNote(key: string, shape: "list" | "map", project: string): string {
  const name = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
  return (
    `  it is a YAML ${shape} there, which config.require and config.get return as its JSON text: ` +
    `read it with config.requireObject("${name}") (config.getObject when it may be absent)`
  );
}

/**
 * Why a required key the program reads can never be set, or undefined when it can. The SDK reads
 * `config.require("db:password")` of `new pulumi.Config()` as the key `<project>:db:password`
 * (`Config.fullKey`) and looks it up exactly in the config it parsed (`getConfig`, @pulumi/pulumi
 * runtime/config.ts), whose keys all have one ':': the CLI parses any key of more as a module
 * member and refuses it, in the stack file and in `pulumi config set` alike (pulumi/pulumi
 * sdk/go/common/resource/config/key.go, `ParseKey`), and the one longer form it takes, the legacy
 * `<namespace>:config:<name>`, reaches the program as `<namespace>:<name>` (`parseConfig` strips
 * `:config:` with `cleanKey`). So `config.require("config:password")` is never satisfied either;
 * the legacy form the SDK reads is the Config's name, `new pulumi.Config("demo:config")` (the
 * constructor drops `:config`). `pulumi preview` fails the same way, though the SDK's message
 * says to set the key. A key read with requireSecret keeps that call and `--secret` in the advice
 * (the SDK's message asks for `--secret` then, sdk/nodejs/config.ts `ConfigMissingError`).
 */
function unsettableKey(missing: string, secret: boolean): string | undefined {
  const parts = missing.split(":");
  if (parts.length < 3) return undefined;
  const [ns, ...rest] = parts;
  const asked = rest.join(":");
  const read = secret ? "requireSecret" : "require";
  const set = (key: string) =>
    `set with \`pulumi config set ${secret ? "--secret " : ""}${key} <value>\``;
  const cause =
    `${missing} can never be set: the program asks its config for "${asked}", which makes the ` +
    `key ${missing}, and the SDK looks that key up as is in a config whose keys have one ':' ` +
    `('<namespace>:<name>')`;
  const same = "so `pulumi preview` fails the same way, whatever the SDK's message says";
  if (rest[0] === "config") {
    const name = rest.slice(1).join("-");
    return (
      `${cause}: the stack file's legacy ${ns}:config:<name> reaches the program as ` +
      `${ns}:<name>, ${same}. Ask for the name alone (\`config.${read}("${name}")\`, ${set(`${ns}:${name}`)}), ` +
      `or keep the legacy form as the Config's name: \`new pulumi.Config("${ns}:config").${read}("${name}")\``
    );
  }
  const [inner, ...name] = rest;
  return (
    `${cause}, and neither \`pulumi config set\` nor the stack file (nor --config) can hold it, ` +
    `${same}. Name the key without ':' ` +
    `(\`config.${read}("${rest.join("-")}")\`, ${set(`${ns}:${rest.join("-")}`)})` +
    (rest.length === 2
      ? `, or read it from its own namespace (\`new pulumi.Config("${inner}").${read}("${name.join(":")}")\`, ${set(`${inner}:${name.join(":")}`)})`
      : "")
  );
}

/**
 * The same name under another namespace in the stack file (`demo:projectName` where the program
 * reads `demo-app:projectName`): `new pulumi.Config()` reads the project's own namespace, so a
 * key written for a project's former name, or for another project, is never read.
 */
function otherNamespace(missing: string, lines: Record<string, number>, file: string): string {
  const name = missing.slice(missing.indexOf(":") + 1);
  const others = Object.keys(lines).filter(
    (k) => k !== missing && k.slice(k.indexOf(":") + 1) === name,
  );
  if (others.length === 0) return "";
  const where = others.map((k) => `${k} (${file}:${lines[k]})`).join(", ");
  const ns = missing.slice(0, missing.indexOf(":"));
  return (
    `. The stack file sets ${where}, in another namespace: \`new pulumi.Config()\` reads the ` +
    `project's, ${ns}; rename the key or read it with \`new pulumi.Config("${others[0].split(":")[0]}")\``
  );
}

export function describeProgramError(
  e: ProgramError,
  configsByStack: ConfigsByStack,
  toolRoot: string,
): string {
  // TypeScript compiles the program before any of it runs: `pulumi preview` stops at the compile,
  // before either phase, whichever run of the check (a phase's, or one compiled again) found it.
  const stage = compileFailed(e.message)
    ? "compile, before the program runs"
    : e.phase
      ? `${e.phase} phase`
      : "";
  const where = [e.stack_ ? `stack ${e.stack_}` : "", stage].filter(Boolean).join(", ");
  const hints = configHints(e, configsByStack);
  // The SDK indents the second line of its config errors with a tab ("\n\tplease set a value
  // using ..."), which the report would show escaped: it is shown as the indentation it is.
  const message = e.message.replace(/\n\t/g, "\n    ");
  // A read the check refuses is no failure of the program (./undecryptable-reads.ts).
  const refused = e.kind === UNDECRYPTABLE_READ_KIND;
  const lines = hints.reason
    ? [`error: ${where ? `${where}: ` : ""}${hints.reason}`, `  the program's error: ${message}`]
    : [
        `error: ${refused ? "the check refused the stack" : "the program failed"}` +
          `${where ? ` (${where})` : ""}: ${message}`,
      ];
  lines.push(...hints.notes);
  // A package of another major than the program was written for is the likely cause of a
  // missing class or property: said before the location it explains. A module that is not there
  // at all, and a config value, have their own explanations.
  if (!hints.configError && missingModule(e.message) === undefined) {
    lines.push(...e.versionWarnings.map((w) => `  note: ${w}`));
  }
  if (e.location) {
    lines.push(`  at ${shown(e.location.file)}:${e.location.line}:${e.location.column}`);
    try {
      const src = fs.readFileSync(e.location.file, "utf8").split("\n")[e.location.line - 1];
      if (src !== undefined) {
        const n = String(e.location.line);
        lines.push(
          `  ${n} | ${src}`,
          `  ${" ".repeat(n.length)} | ${" ".repeat(Math.max(0, e.location.column - 1))}^`,
        );
      }
    } catch {
      // the file is gone: the location alone must do
    }
  }
  // What the ESC environments may have given the program: after where it failed.
  lines.push(...(hints.envNotes ?? []));
  // A config error is about a value, not the code that checked it: no stack frames.
  if (e.detail && !hints.configError) {
    const frames = e.detail
      .split("\n")
      .filter((l) => /^\s+at /.test(l) && !notProgramFrame(l, toolRoot))
      .slice(0, 8);
    if (frames.length) lines.push("  stack:", ...frames.map((f) => `    ${f.trim()}`));
  }
  // A program that prints its own error before it exits (the SDK's leaked-promises report, a
  // `catch` that logs and rethrows) would show the same lines twice: the message has them (a
  // line short enough to be anything's, such as a closing brace, stays).
  const said = (line: string) => line.length >= 12 && e.message.includes(line);
  // An error the program printed with its stack (a `catch` that logs it) shows the program's
  // frames, not Node's, its packages' or the check's own (automation-guard.js, code-cache.js).
  const output = e.output.filter(
    (l) => l.trim() && !said(l.trim()) && !(/^\s+at /.test(l) && notProgramFrame(l, toolRoot)),
  );
  if (output.length) {
    lines.push("  program output before the failure:", ...output.slice(-20).map((l) => `    ${l}`));
  }
  return lines.join("\n") + "\n";
}

/** A stack frame of Node itself, of an installed package or of the check's engine. */
function notProgramFrame(line: string, toolRoot: string): boolean {
  return (
    /\(node:|at node:/.test(line) ||
    line.includes(`${path.sep}node_modules${path.sep}`) ||
    line.includes(path.join(toolRoot, "tools", "lib", "engine"))
  );
}
