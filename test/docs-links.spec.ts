// Every relative link of the project's Markdown documents leads somewhere: to a file or folder
// git tracks and, when it names an anchor, to a heading (or an `id`/`name` anchor) of that file,
// as GitHub renders it. Documents move and split; a link to a moved section fails here, not in a
// reader's browser.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ROOT, trackedFiles } from "./helpers";

/** Markdown files git tracks (with the ones it does not ignore yet), relative to the root. */
function markdownFiles(): string[] {
  return trackedFiles("*.md").filter((f) => !f.startsWith("test/fixtures/"));
}

/** Text outside fenced code blocks and inline code, where a link is a link. */
function proseOf(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/**
 * The anchors GitHub gives a document's headings, from the heading's rendered text (html-pipeline's
 * TocFilter, https://github.com/jch/html-pipeline/blob/master/lib/html/pipeline/toc_filter.rb):
 * lowercased, every character but letters, digits, spaces, `-` and `_` dropped, spaces as `-`; a
 * repeated slug gets `-1`, `-2`, ... The rendered text keeps what inline code shows (`` `Output<T>` ``
 * gives `outputt`) and loses HTML tags and link targets. Explicit `<a id="...">` / `name="..."`
 * anchors count too.
 */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  for (const m of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    // Inline code spans are text as written; outside them, tags and link targets are not shown.
    const plain = m[1]
      .split(/(`[^`]*`)/)
      .map((part, i) =>
        i % 2 === 1
          ? part
          : part.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<\/?[A-Za-z][^>]*>/g, ""),
      )
      .join("");
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

/** The relative links of a document: `[text](target)` and `[label]: target` definitions. */
function linksOf(text: string): { target: string; line: number }[] {
  const prose = proseOf(text);
  const found: { target: string; at: number }[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    found.push({ target: m[1], at: m.index ?? 0 });
  }
  for (const m of prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    found.push({ target: m[1], at: m.index ?? 0 });
  }
  return found
    .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map(({ target, at }) => ({ target, line: prose.slice(0, at).split("\n").length }));
}

/** Text files git tracks that are not Markdown (the code, its comments, config), fixtures aside. */
function otherTextFiles(): string[] {
  return trackedFiles().filter(
    (f) =>
      /\.(ts|js|mjs|cjs|json|ya?ml)$/.test(f) &&
      !f.startsWith("test/fixtures/") &&
      !f.endsWith("package-lock.json"),
  );
}

/** The comment part of a line of `file` ("" when it has none): a whole comment line or a trailing one. */
function commentOf(file: string, line: string): string {
  if (file.endsWith(".json")) return line; // JSON has no comments: a description names documents
  if (/\.ya?ml$/.test(file)) return /(?:^|\s)#(.*)$/.exec(line)?.[1] ?? "";
  if (/^\s*(\/\*|\*)/.test(line)) return line;
  // `//` after a scheme's colon is a URL, not a comment.
  return /(?<!:)\/\/(.*)$/.exec(line)?.[1] ?? /\/\*(.*)$/.exec(line)?.[1] ?? "";
}

/**
 * The documents the comments of `file` name (and, for JSON, any string: Renovate's description),
 * where a reader of the code is sent: by their path from the root (`docs/operations/alerts.md`,
 * `README.md`) or relative to the file (`../docs/operations.md`), with the anchor when one is named
 * (`docs/config.md#stack-keys`). A path inside a URL is the URL's business.
 */
export function documentsNamedIn(
  file: string,
  text: string,
): { doc: string; anchor?: string; line: number }[] {
  const found: { doc: string; anchor?: string; line: number }[] = [];
  text.split("\n").forEach((line, i) => {
    const comment = commentOf(file, line);
    for (const m of comment.matchAll(
      /(?<![\w./:-])((?:\.\.?\/)+[\w./-]*?\.md|(?:docs|policy-pack|app|components|tools|test)\/[\w./-]*?\.md|README\.md)(?:#([\w-]+))?(?![\w-])/g,
    )) {
      const doc = m[1].startsWith(".") ? path.normalize(path.join(path.dirname(file), m[1])) : m[1];
      found.push({ doc, anchor: m[2], line: i + 1 });
    }
  });
  return found;
}

/** Anchors of the project's documents, each read once. */
function anchorsReader(read: (file: string) => string): (doc: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (doc) => {
    if (!cache.has(doc)) cache.set(doc, anchorsOf(read(doc)));
    return cache.get(doc)!;
  };
}

const fromDisk = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const existsInTree = (file: string) => fs.existsSync(path.join(ROOT, file));

/**
 * The broken relative links of `files` (`file:line: target (why)`), and how many links named an
 * anchor that was looked up: a check that resolves no anchor proves nothing about anchors.
 */
export function brokenLinks(
  files: readonly string[],
  read: (file: string) => string = fromDisk,
): { broken: string[]; anchored: number } {
  const anchorsIn = anchorsReader(read);
  const broken: string[] = [];
  let anchored = 0;
  for (const file of files) {
    for (const { target, line } of linksOf(read(file))) {
      const [pathPart, anchor] = target.split("#", 2);
      const resolved = pathPart
        ? path.normalize(path.join(path.dirname(file), decodeURI(pathPart)))
        : file;
      const where = `${file}:${line}: ${target}`;
      if (!existsInTree(resolved) && !files.includes(resolved)) {
        broken.push(`${where} (no such file: ${resolved})`);
        continue;
      }
      if (!anchor || !resolved.endsWith(".md")) continue;
      anchored++;
      if (!anchorsIn(resolved).has(decodeURIComponent(anchor).toLowerCase())) {
        broken.push(`${where} (no heading '#${anchor}' in ${resolved})`);
      }
    }
  }
  return { broken, anchored };
}

/** The documents the code's comments name that do not exist, or lack the anchor they name. */
function missingDocuments(
  named: readonly { file: string; doc: string; anchor?: string; line: number }[],
): string[] {
  const anchorsIn = anchorsReader(fromDisk);
  return named
    .filter(
      ({ doc, anchor }) =>
        !existsInTree(doc) || (anchor !== undefined && !anchorsIn(doc).has(anchor.toLowerCase())),
    )
    .map(({ file, line, doc, anchor }) => `${file}:${line}: ${doc}${anchor ? `#${anchor}` : ""}`);
}

describe("links between the project's documents", () => {
  const files = markdownFiles();

  it("finds the documents and their links (the check below is not empty)", () => {
    expect(files).to.include.members(["README.md", "policy-pack/README.md", "docs/config.md"]);
    expect(linksOf(fromDisk("README.md")).length).to.be.greaterThan(5);
  });

  it("gives headings GitHub's anchors: punctuation dropped, inline code kept, repeats numbered", () => {
    expect(anchorsOf("# A `b` c: d\n## Same\n## Same\n")).to.deep.equal(
      new Set(["a-b-c-d", "same", "same-1"]),
    );
    expect(anchorsOf("## `Output<T>` and <b>bold</b> [a link](x.md)\n")).to.deep.equal(
      new Set(["outputt-and-bold-a-link"]),
    );
    expect(anchorsOf('<a id="kept"></a>\n```\n# not a heading\n```\n')).to.deep.equal(
      new Set(["kept"]),
    );
  });

  it("every relative link names a file that exists and, with an anchor, a heading of it", () => {
    const { broken, anchored } = brokenLinks(files);
    expect(broken, "fix each link to where its section now lives").to.deep.equal([]);
    // The documents link to sections: were none looked up, the anchor check would be off.
    expect(anchored).to.be.greaterThan(0);
  });

  it("reports a link to a heading or a file that does not exist", () => {
    const made = "NOTE.md";
    const text = "See [x](README.md#no-such), [y](docs/gone.md) and [z](README.md).\n";
    const read = (f: string) => (f === made ? text : fromDisk(f));
    expect(brokenLinks([made], read)).to.deep.equal({
      broken: [
        `${made}:1: README.md#no-such (no heading '#no-such' in README.md)`,
        `${made}:1: docs/gone.md (no such file: docs/gone.md)`,
      ],
      anchored: 1,
    });
  });

  it("reads the documents a comment names: from the root or relative, trailing, with an anchor", () => {
    const code = [
      "// see ../docs/operations.md",
      "x(); // docs/gone.md",
      " * docs/config.md#no-such and README.md",
      'const u = "https://github.com/o/r/blob/main/docs/theirs.md"; // not ours',
      "const s = 'docs/in-a-string.md';",
    ].join("\n");
    expect(documentsNamedIn("tools/x.ts", code)).to.deep.equal([
      { doc: "docs/operations.md", anchor: undefined, line: 1 },
      { doc: "docs/gone.md", anchor: undefined, line: 2 },
      { doc: "docs/config.md", anchor: "no-such", line: 3 },
      { doc: "README.md", anchor: undefined, line: 3 },
    ]);
    expect(documentsNamedIn("a.yml", "k: v # docs/operations.md\nurl: x#y.md\n")).to.deep.equal([
      { doc: "docs/operations.md", anchor: undefined, line: 1 },
    ]);
    expect(
      missingDocuments(documentsNamedIn("tools/x.ts", code).map((d) => ({ ...d, file: "x" }))),
    ).to.deep.equal(["x:2: docs/gone.md", "x:3: docs/config.md#no-such"]);
  });

  it("every document a comment or config names by its path exists, with the heading it names", () => {
    // This file's own examples name made-up documents on purpose.
    const self = path.relative(ROOT, __filename);
    const named = otherTextFiles()
      .filter((file) => file !== self)
      .flatMap((file) => documentsNamedIn(file, fromDisk(file)).map((d) => ({ ...d, file })));
    // The scan sees the references this project keeps (a comment pointing at the alerts).
    expect(named.map((d) => d.doc)).to.include("docs/operations/alerts.md");
    expect(missingDocuments(named), "point each at where the document now lives").to.deep.equal([]);
  });
});
