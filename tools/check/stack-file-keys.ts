// The top-level keys of a stack file (pulumi/pulumi sdk/go/common/workspace/project.go,
// `ProjectStack`): a near miss such as `confg:` would leave every value out without a word, so the
// report notes it with its line.
import { nearestFlag } from "../lib/flags";
import { at, keyLine, YamlInput } from "./inputs";

const STACK_FILE_KEYS = [
  "config",
  "environment",
  "secretsprovider",
  "encryptedkey",
  "encryptionsalt",
];

/** A note for each top-level key of a stack file that is a misspelling of one of its keys. */
export function unknownStackFileKeys(input: YamlInput, doc: Record<string, unknown>): string[] {
  const notes: string[] = [];
  for (const key of Object.keys(doc)) {
    if (STACK_FILE_KEYS.includes(key)) continue;
    const meant = nearestFlag(key.toLowerCase(), STACK_FILE_KEYS);
    if (meant) {
      notes.push(
        `${at(input, keyLine(input, [key]))} '${key}' is not a stack-file key and is ignored; did you mean '${meant}'?`,
      );
    }
  }
  return notes;
}
