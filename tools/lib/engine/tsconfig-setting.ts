// A program's tsconfig as the language host reads it: which file (`runtime.options.tsconfig`, else
// tsconfig.json), and where it (or a base of its `extends` chain) sets a `compilerOptions` key.
import * as fs from "fs";
import * as path from "path";
import type { SourceLocation } from "./language-host";

/** The tsconfig the language host reads (`runtime.options.tsconfig`, else tsconfig.json). */
export function hostTsconfig(pwd: string, tsconfigOption: unknown) {
  const file = path.resolve(
    pwd,
    typeof tsconfigOption === "string" ? tsconfigOption : "tsconfig.json",
  );
  try {
    return { file, shown: path.relative(pwd, file) || file, source: fs.readFileSync(file, "utf8") };
  } catch {
    return undefined;
  }
}

/** Where a tsconfig sets a `compilerOptions` key, with the value it gives. */
export interface TsconfigSetting {
  /** The value when it is a string (`"module": "commonjs"`), else undefined. */
  readonly value: string | undefined;
  /** The file that sets it (the tsconfig itself or the `extends` base it takes the value from). */
  readonly file: string;
  /** The file as the report shows it, relative to the program's folder. */
  readonly shown: string;
  /** The setting's key in that file (1-based line and column). */
  readonly location: SourceLocation;
}

/**
 * `compilerOptions.<key>` as TypeScript reads the tsconfig: comments and trailing commas allowed
 * (a commented-out `// "module": "commonjs"` is no setting), the nearest file of its `extends`
 * chain that sets the key winning (TypeScript's `extendedSourceFiles`, nearest base first, as
 * ./type-check-rule.ts reads it). Undefined when no file of the chain sets it, or TypeScript
 * cannot read the file.
 */
export function tsconfigSetting(
  tsconfig: { readonly file: string; readonly source: string },
  key: string,
  pwd: string,
): TsconfigSetting | undefined {
  try {
    const read = readTsconfig(tsconfig);
    if (!read) return undefined;
    const { ts, own } = read;
    const bases = (own.extendedSourceFiles ?? []).map((f) =>
      ts.readJsonConfigFile(f, ts.sys.readFile),
    );
    for (const source of [own, ...bases]) {
      const root = source.statements[0]?.expression;
      const options =
        root && ts.isObjectLiteralExpression(root)
          ? propertyOf(ts, root, "compilerOptions")
          : undefined;
      const setting =
        options && ts.isObjectLiteralExpression(options.initializer)
          ? propertyOf(ts, options.initializer, key)
          : undefined;
      if (!setting) continue;
      const at = source.getLineAndCharacterOfPosition(setting.getStart(source));
      return {
        value: ts.isStringLiteral(setting.initializer) ? setting.initializer.text : undefined,
        file: source.fileName,
        shown: path.relative(pwd, source.fileName) || source.fileName,
        location: { file: source.fileName, line: at.line + 1, column: at.character + 1 },
      };
    }
  } catch {
    // An unreadable tsconfig: no setting to place a failure at.
  }
  return undefined;
}

/**
 * The tsconfig as TypeScript reads it (comments and trailing commas allowed, `extends` followed):
 * the file's own syntax tree and its parsed compiler options. Undefined when TypeScript cannot be
 * loaded or throws on the file.
 */
function readTsconfig(tsconfig: { readonly file: string; readonly source: string }) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    const own = ts.readJsonConfigFile(tsconfig.file, () => tsconfig.source);
    const parsed = ts.parseJsonSourceFileConfigFileContent(
      own,
      ts.sys,
      path.dirname(tsconfig.file),
      undefined,
      tsconfig.file,
    );
    return { ts, own, options: parsed.options };
  } catch {
    return undefined;
  }
}

/**
 * The `compilerOptions.paths` aliases TypeScript reads from the tsconfig (a commented-out line is
 * none; an `extends` base's `paths` count unless a nearer file sets its own), or undefined when no
 * file of the chain sets `paths`.
 */
export function tsconfigPathAliases(tsconfig: {
  readonly file: string;
  readonly source: string;
}): string[] | undefined {
  const paths = readTsconfig(tsconfig)?.options.paths;
  return paths ? Object.keys(paths) : undefined;
}

function propertyOf(
  ts: typeof import("typescript"),
  object: import("typescript").ObjectLiteralExpression,
  key: string,
): import("typescript").PropertyAssignment | undefined {
  return object.properties
    .filter(ts.isPropertyAssignment)
    .reverse()
    .find((p) => (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === key);
}
