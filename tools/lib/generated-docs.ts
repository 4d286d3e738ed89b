// Generated sections of hand-written documents: the text between two markers is rewritten by a
// tool (`--write-docs`), formatted as the repository's Prettier config formats the file, and a
// test fails when the committed text differs from what the tool would write.
import * as prettier from "prettier";

/** `doc` with the text between `begin` and `end` replaced by `body`. */
export function replaceBetween(
  doc: string,
  begin: string,
  end: string,
  body: string,
  file: string,
): string {
  const start = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  if (start < 0 || stop < start)
    throw new Error(`${file}: the markers ${begin} and ${end} are missing`);
  return `${doc.slice(0, start + begin.length)}\n\n${body.trim()}\n\n${doc.slice(stop)}`;
}

/** `text` formatted as the repository's Prettier config formats `file` (so `npm run lint` agrees). */
export async function formatMarkdown(text: string, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}
