// How far a failed program got before it failed, as `pulumi preview` would see it: stopped by the
// compile (the language host compiles a TypeScript program with ts-node, which compiles a file
// before running it: "TSError: ⨯ Unable to compile TypeScript", ts-node README, "Type
// checking"), stopped by a package that is not installed (Node resolves a bare specifier from
// node_modules only, https://nodejs.org/api/modules.html, "Loading from node_modules folders"),
// or failed as its code ran.
import type { ProgramFailure } from "./language-host";
import { missingModule } from "./hints";
import { isPackageSpecifier } from "./versions";

/** How the report begins the message of a program TypeScript could not compile (ts-node's TSError). */
export const COMPILE_FAILURE = "TypeScript could not compile the program";

/** Whether `message` is the report's message for a program TypeScript could not compile. */
export function compileFailed(message: string): boolean {
  return message.startsWith(`${COMPILE_FAILURE}:`);
}

/**
 * Whether a program failed before any of its code could read a config value: TypeScript could not
 * compile it, or a package it names is not installed. No config value, a secret's included, is
 * why such a failure happened. A missing file named by a relative or absolute path is not one:
 * the program may have computed that path from a value (`require(\`./tenants/${tenant}\`)`).
 */
export function failedBeforeConfig(message: string): boolean {
  if (compileFailed(message)) return true;
  const specifier = missingModule(message);
  return specifier !== undefined && isPackageSpecifier(specifier);
}

/**
 * A run that failed as a program does when it runs, not as TypeScript refusing it: a compile
 * with type-checking that found no type error left the program to fail the same way.
 */
export function failedAtRunTime(failure: ProgramFailure | undefined): boolean {
  return failure?.kind === "error" && !compileFailed(failure.message);
}
