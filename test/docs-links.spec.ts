// Every relative link of the project's Markdown documents leads somewhere: to a file or folder
// git tracks and, when it names an anchor, to a heading (or an `id`/`name` anchor) of that file,
// as GitHub renders it. Documents move and split; a link to a moved section fails here, not in a
// reader's browser.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/** Markdown files git tracks (with the ones it does not ignore yet), relative to the root. */
function markdownFiles(): string[] {
  const out = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", "*.md"],
    { cwd: ROOT, encoding: "utf8" },
  );
  return out
    .split("\n")
    .filter((f) => f && !f.startsWith("test/fixtures/") && fs.existsSync(path.join(ROOT, f)));
}

/** Text outside fenced code blocks and inline code, where a link is a link. */
function proseOf(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/**
 * The anchors GitHub gives a document's headings: the heading's text without Markdown, lowercased,
 * every character but letters, digits, spaces, `-` and `_` dropped, spaces as `-`; a repeated
 * slug gets `-1`, `-2`, ... Explicit `<a id="...">` / `name="..."` anchors count too.
 */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  for (const m of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const plain = m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<[^>]+>/g, "");
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
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter(
      (f) =>
        /\.(ts|js|mjs|cjs|json|ya?ml)$/.test(f) &&
        !f.startsWith("test/fixtures/") &&
        !f.endsWith("package-lock.json") &&
        fs.existsSync(path.join(ROOT, f)),
    );
}

/**
 * The documents a comment names by their path from the root (`docs/operations/alerts.md`), and
 * those a JSON file names anywhere (Renovate's description): where a reader of the code is sent.
 */
function documentsNamedIn(file: string, text: string): { doc: string; line: number }[] {
  const json = file.endsWith(".json");
  const found: { doc: string; line: number }[] = [];
  text.split("\n").forEach((line, i) => {
    if (!json && !/^\s*(\/\/|\/\*|\*|#)/.test(line)) return;
    for (const m of line.matchAll(
      /(?<![\w./-])((?:docs|policy-pack|app|components|tools|test)\/[\w./-]*\.md|README\.md)\b/g,
    )) {
      found.push({ doc: m[1], line: i + 1 });
    }
  });
  return found;
}

describe("links between the project's documents", () => {
  const files = markdownFiles();

  it("finds the documents and their links (the check below is not empty)", () => {
    expect(files).to.include.members(["README.md", "policy-pack/README.md", "docs/config.md"]);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(linksOf(readme).length).to.be.greaterThan(5);
    expect(anchorsOf("# A `b` c: d\n## Same\n## Same\n")).to.deep.equal(
      new Set(["a-b-c-d", "same", "same-1"]),
    );
  });

  it("every relative link names a file that exists and, with an anchor, a heading of it", () => {
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const { target, line } of linksOf(text)) {
        const [pathPart, anchor] = target.split("#", 2);
        const resolved = pathPart
          ? path.normalize(path.join(path.dirname(file), decodeURI(pathPart)))
          : file;
        const where = `${file}:${line}: ${target}`;
        if (!fs.existsSync(path.join(ROOT, resolved))) {
          broken.push(`${where} (no such file: ${resolved})`);
          continue;
        }
        if (!anchor || !resolved.endsWith(".md")) continue;
        if (!anchors.has(resolved)) {
          anchors.set(resolved, anchorsOf(fs.readFileSync(path.join(ROOT, resolved), "utf8")));
        }
        if (!anchors.get(resolved)!.has(decodeURIComponent(anchor).toLowerCase())) {
          broken.push(`${where} (no heading '#${anchor}' in ${resolved})`);
        }
      }
    }
    expect(broken, "fix each link to where its section now lives").to.deep.equal([]);
  });

  it("every document a comment or config names by its path exists", () => {
    const named = otherTextFiles().flatMap((file) =>
      documentsNamedIn(file, fs.readFileSync(path.join(ROOT, file), "utf8")).map((d) => ({
        ...d,
        file,
      })),
    );
    // The scan sees the references this project keeps (a comment pointing at the alerts).
    expect(named.map((d) => d.doc)).to.include("docs/operations/alerts.md");
    const missing = named
      .filter(({ doc }) => !fs.existsSync(path.join(ROOT, doc)))
      .map(({ file, line, doc }) => `${file}:${line}: ${doc}`);
    expect(missing, "point each at where the document now lives").to.deep.equal([]);
  });
});
