// The Automation API stack calls of a script, read with the TypeScript parser the tools already
// load (not patterns over its text): what binds the API at run time, and which calls select or
// create a stack through it.
//
// The API is reached as `@pulumi/pulumi/automation` (`/x/automation` before SDK 3; imported,
// `import x = require`, `require`d or `import()`ed) or as the `automation` member of
// `@pulumi/pulumi` (`pulumi.automation`, `import { automation as auto }`,
// `require("@pulumi/pulumi").automation`): @pulumi/pulumi's index exports it as `automation`.
// An import TypeScript erases (`import type`, `import { type X }`, or names used only as types:
// TypeScript elides an import none of whose names is used as a value, handbook "Modules",
// `importsNotUsedAsValues`) binds nothing at run time, so it is no use of the API. A stack is
// selected or created by `LocalWorkspace`/`RemoteWorkspace` `createOrSelectStack`,
// `createStack`, `selectStack` (also on a workspace instance) and by `Stack.createOrSelect`,
// `Stack.create`, `Stack.select` (@pulumi/pulumi automation/localWorkspace.ts, stack.ts).
import * as path from "path";
import type * as TS from "typescript";
import { codeOnly, sourceLines } from "./program-sources";

/** A call of the Automation API that selects or creates a stack, and the program it runs. */
export interface AutomationCall {
  readonly file: string;
  readonly line: number;
  readonly call: string;
  /**
   * "inline": a function passed as `program`; "local": a project folder passed as `workDir`;
   * "remote": a folder of a git repository (`RemoteWorkspace`).
   */
  readonly program: "inline" | "local" | "remote" | "unknown";
  /** The inline programs' names as the script passes them (`program: pulumiProgram`). */
  readonly names: readonly string[];
}

const AUTOMATION_MODULE = /^@pulumi\/pulumi\/(?:x\/)?automation(?:\/index(?:\.js)?)?$/;
const SDK_MODULE = /^@pulumi\/pulumi(?:\/index(?:\.js)?)?$/;
/** Methods of a workspace (class or instance) that select or create a stack. */
const WORKSPACE_CALLS = new Set(["createOrSelectStack", "createStack", "selectStack"]);
/** Static methods of `Stack` that do. */
const STACK_CALLS = new Set(["createOrSelect", "create", "select"]);

/** `program: fn` or the shorthand `{ ..., program }` of an inline program's arguments. */
const INLINE = /\bprogram\s*:|[{,]\s*program\s*[,}]/;
const INLINE_NAMES = /\bprogram\s*:\s*([A-Za-z_$][\w$.]*)/g;
const LOCAL = /\bworkDir\s*:/;
/** A `RemoteWorkspace` call: its program is in a git repository (`url:`), not on this disk. */
const REMOTE = /\bRemoteWorkspace\b/;

/** What kind of program the code in `text` (comments and strings blanked) deploys. */
export function programOf(text: string): Pick<AutomationCall, "program" | "names"> {
  const program = REMOTE.test(text)
    ? "remote"
    : INLINE.test(text)
      ? "inline"
      : LOCAL.test(text)
        ? "local"
        : "unknown";
  const named = [...text.matchAll(INLINE_NAMES)].map((m) => m[1]);
  // The shorthand `{ stackName, program }` passes a function named `program`.
  const shorthand = /[{,]\s*program\s*[,}]/.test(text) ? ["program"] : [];
  return { program, names: [...new Set([...named, ...shorthand])] };
}

/**
 * What a name of the script is bound to: the API's module, the SDK's, a member of the API (a
 * class: `LocalWorkspace`, `Stack`), or what a call of a member returned (a workspace).
 */
type Binding = "automation" | "sdk" | "member" | "instance";

/** The module a `require("m")` or `import("m")` call loads, else undefined. */
function loadedModule(ts: typeof TS, e: TS.Expression): string | undefined {
  if (ts.isAwaitExpression(e)) return loadedModule(ts, e.expression);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return undefined;
  const [arg] = e.arguments;
  if (!ts.isStringLiteralLike(arg)) return undefined;
  const isRequire = ts.isIdentifier(e.expression) && e.expression.text === "require";
  return isRequire || e.expression.kind === ts.SyntaxKind.ImportKeyword ? arg.text : undefined;
}

/** The names of a program's own source bound at run time to the Automation API. */
class Bindings {
  readonly names = new Map<string, Binding>();
  constructor(private readonly ts: typeof TS) {}

  /** What `e` evaluates to, as far as the API goes. */
  kindOf(e: TS.Expression): Binding | undefined {
    const ts = this.ts;
    if (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e))
      return this.kindOf(e.expression);
    if (ts.isIdentifier(e)) return this.names.get(e.text);
    if (ts.isPropertyAccessExpression(e)) {
      const of = this.kindOf(e.expression);
      if (of === "sdk" && e.name.text === "automation") return "automation";
      return of === "automation" ? "member" : undefined;
    }
    if (
      ts.isCallExpression(e) &&
      ts.isPropertyAccessExpression(e.expression) &&
      this.kindOf(e.expression.expression) === "member"
    )
      return "instance";
    const loaded = loadedModule(ts, e);
    if (loaded === undefined) return undefined;
    return AUTOMATION_MODULE.test(loaded)
      ? "automation"
      : SDK_MODULE.test(loaded)
        ? "sdk"
        : undefined;
  }

  /** Binds the names a declaration `name = init` introduces (a destructuring takes members). */
  bind(name: TS.BindingName, kind: Binding | undefined): void {
    const ts = this.ts;
    if (!kind) return;
    if (ts.isIdentifier(name)) {
      this.names.set(name.text, kind);
      return;
    }
    if (!ts.isObjectBindingPattern(name)) return;
    for (const el of name.elements) {
      const key = el.propertyName ?? el.name;
      const member = ts.isIdentifier(key) ? key.text : undefined;
      if (kind === "sdk" && member === "automation") this.bind(el.name, "automation");
      else if (kind === "automation") this.bind(el.name, "member");
    }
  }
}

/** Whether `node` stands where only a type can (TypeScript erases it). */
function inTypePosition(ts: typeof TS, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n))
      return true;
    if (ts.isHeritageClause(n)) return n.token === ts.SyntaxKind.ImplementsKeyword;
    if (ts.isExpressionStatement(n) || ts.isBlock(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

/** The bindings an import declaration makes at run time (none for names used only as types). */
function importBindings(ts: typeof TS, d: TS.ImportDeclaration, into: Bindings): void {
  const clause = d.importClause;
  if (!clause || clause.isTypeOnly || !ts.isStringLiteral(d.moduleSpecifier)) return;
  const spec = d.moduleSpecifier.text;
  const kind = AUTOMATION_MODULE.test(spec)
    ? "automation"
    : SDK_MODULE.test(spec)
      ? "sdk"
      : undefined;
  if (!kind) return;
  if (clause.name) into.names.set(clause.name.text, kind);
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) into.names.set(named.name.text, kind);
  if (named && ts.isNamedImports(named)) {
    for (const el of named.elements) {
      if (el.isTypeOnly) continue;
      const imported = (el.propertyName ?? el.name).text;
      if (kind === "automation") into.names.set(el.name.text, "member");
      else if (imported === "automation") into.names.set(el.name.text, "automation");
    }
  }
}

/**
 * The Automation API stack calls of one file's source `text`, or none when nothing of the file
 * reaches the API at run time.
 */
export function automationCallsInSource(file: string, text: string): AutomationCall[] {
  if (!text.includes("automation")) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof TS;
  const kind = /\.(?:js|mjs|cjs)$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const bindings = new Bindings(ts);
  const declared = new Set<TS.Node>();
  const collect = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node)) importBindings(ts, node, bindings);
    else if (
      ts.isImportEqualsDeclaration(node) &&
      !node.isTypeOnly &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      const spec = node.moduleReference.expression.text;
      if (AUTOMATION_MODULE.test(spec)) bindings.names.set(node.name.text, "automation");
      else if (SDK_MODULE.test(spec)) bindings.names.set(node.name.text, "sdk");
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      bindings.bind(node.name, bindings.kindOf(node.initializer));
    }
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) declared.add(node);
    ts.forEachChild(node, collect);
  };
  collect(source);
  // The API is used when one of its bindings is read as a value, or a module load reaches it.
  let used = false;
  const uses = (node: TS.Node): void => {
    if (used || declared.has(node)) return;
    const kind = ts.isIdentifier(node) ? bindings.names.get(node.text) : undefined;
    if (kind) {
      const p = node.parent;
      const declaring = (ts.isVariableDeclaration(p) || ts.isBindingElement(p)) && p.name === node;
      const property = ts.isPropertyAccessExpression(p) && p.name === node;
      // The SDK's own namespace counts only where its `automation` member is read.
      const reaches =
        kind !== "sdk" || (ts.isPropertyAccessExpression(p) && p.name.text === "automation");
      if (!declaring && !property && reaches && !inTypePosition(ts, node)) used = true;
    } else if (ts.isCallExpression(node) && bindings.kindOf(node) === "automation") used = true;
    ts.forEachChild(node, uses);
  };
  uses(source);
  if (!used) return [];
  const out: AutomationCall[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const callee = node.expression;
      const method = callee.name.text;
      const on = bindings.kindOf(callee.expression);
      const onStack = on === "member" && /(?:^|\.)Stack$/.test(callee.expression.getText(source));
      const onWorkspace = on === "member" || on === "instance";
      if ((WORKSPACE_CALLS.has(method) && onWorkspace) || (STACK_CALLS.has(method) && onStack)) {
        const line = source.getLineAndCharacterOfPosition(callee.name.getStart(source)).line + 1;
        out.push({ file, line, call: method, ...callProgram(ts, source, node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * What program a call deploys: from its argument object (`program`, `workDir`), from the
 * workspace a `RemoteWorkspace` call names, or from the whole file when the call passes no object
 * literal (`createOrSelectStack(args)`, `Stack.createOrSelect(name, workspace)`).
 */
function callProgram(
  ts: typeof TS,
  source: TS.SourceFile,
  call: TS.CallExpression,
): Pick<AutomationCall, "program" | "names"> {
  const whole = codeOnly(source.text, true);
  const [first] = call.arguments;
  if (REMOTE.test(whole) || !first || !ts.isObjectLiteralExpression(first)) return programOf(whole);
  return programOf(codeOnly(first.getText(source), true));
}

/** The Automation API stack calls in the given source files, in file order. */
export function callsIn(files: readonly string[]): AutomationCall[] {
  return files.flatMap((file) => {
    const text = sourceLines(file).join("\n");
    try {
      return automationCallsInSource(path.resolve(file), text);
    } catch {
      return []; // a file the parser cannot read is no script of the API
    }
  });
}
