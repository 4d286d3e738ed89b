// A tsconfig whose `module` and `moduleResolution` TypeScript refuses together under the language
// host's defaults (TS5109, TS5110): the failure names the file, the setting and the value to add.
import type { SourceLocation } from "./language-host";
import { hostTsconfig, tsconfigSetting } from "./tsconfig-setting";

/**
 * A tsconfig that sets one of `module` and `moduleResolution` and not the other. The Node.js
 * language host compiles a CommonJS program with `module` and `moduleResolution` "nodenext" (on
 * TypeScript >= 4.7) and spreads the tsconfig's compilerOptions over them (@pulumi/pulumi
 * `cmd/run/run.js`, `useNodeNext`; pulumi/pulumi#22363), so the one left out is "nodenext", and
 * TypeScript refuses the pair before any code runs (TS5109, TS5110): `pulumi preview` fails the
 * same way. The bare compiler message names neither the file nor the setting to add; this does.
 * The settings are read as TypeScript reads them (comments skipped, `extends` bases followed: the
 * failure is placed in the file that sets the one given); a chain that sets both, or neither,
 * keeps TypeScript's own message.
 */
export function moduleSettingConflict(
  text: string,
  pwd: string,
  tsconfigOption: unknown,
): { message: string; location?: SourceLocation } | undefined {
  const error = /error (TS5109|TS5110): ([^\n]*)/.exec(text);
  if (!error) return undefined;
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  if (!tsconfig && tsconfigOption === undefined) {
    // No tsconfig at all: ts-node's default for the Node.js version (`@tsconfig/node16`,
    // "moduleResolution": "node"; ts-node dist/tsconfigs.js) meets the host's "nodenext".
    return {
      message:
        "the program has no tsconfig.json, so TypeScript's options are the language host's and " +
        `ts-node's defaults, which TypeScript refuses together (${error[1]}: ${error[2].trim()}); ` +
        '`pulumi preview` fails the same way. Add a tsconfig.json with "module" and ' +
        '"moduleResolution" both "nodenext"',
    };
  }
  if (!tsconfig) return undefined;
  const module = tsconfigSetting(tsconfig, "module", pwd);
  const resolution = tsconfigSetting(tsconfig, "moduleResolution", pwd);
  if (!module === !resolution) return undefined;
  const [set, missing] = module ? ["module", "moduleResolution"] : ["moduleResolution", "module"];
  const given = (module ?? resolution)!;
  const lower = (given.value ?? "").toLowerCase();
  const suggestion =
    set === "module"
      ? lower === "commonjs"
        ? '"node10" (TypeScript 5; "node" before it)'
        : /^(es\d+|esnext|preserve)$/.test(lower)
          ? '"bundler"'
          : '"nodenext"'
      : /^(node|node10|classic)$/.test(lower)
        ? '"commonjs"'
        : '"nodenext"';
  return {
    message:
      `${given.shown} sets "${set}": "${given.value}" but not "${missing}", so the Node.js language ` +
      `host's default applies ("${missing}": "nodenext") and TypeScript refuses the pair ` +
      `(${error[1]}: ${error[2].trim()}); \`pulumi preview\` fails the same way. Set ` +
      `"${missing}": ${suggestion} in ${given.shown}`,
    location: given.location,
  };
}
