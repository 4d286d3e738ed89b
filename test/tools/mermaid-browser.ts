// Renders Mermaid text the way a Markdown viewer does: Mermaid's browser bundle loaded into a
// headless Chromium page. The browser is CHROMIUM_PATH when set, else a system Chromium at
// /usr/bin/chromium, else the one `@sparticuz/chromium` ships inside its npm package (so a fresh
// machine with only Node and npm can run this). One browser serves every render.
import * as fs from "fs";
import * as path from "path";
import { Browser, chromium as playwright, Page } from "playwright-core";

/** The flags this kind of machine needs (no sandbox, no GPU, nothing fetched in the background). */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export type RenderResult =
  | { readonly ok: true; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly error: string };

export interface MermaidPage {
  /** Renders `text`; with `png`, also writes the picture there at `width` CSS pixels. */
  render(text: string, opts?: { png?: string; width?: number }): Promise<RenderResult>;
  close(): Promise<void>;
}

async function launch(): Promise<Browser> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen && !fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH ${chosen} does not exist`);
  const system = chosen || "/usr/bin/chromium";
  if (fs.existsSync(system)) {
    return playwright.launch({ executablePath: system, headless: true, args: FLAGS });
  }
  const { default: packaged } = await import("@sparticuz/chromium");
  return playwright.launch({
    executablePath: await packaged.executablePath(),
    headless: true,
    args: [...packaged.args, ...FLAGS],
  });
}

export async function openMermaid(): Promise<MermaidPage> {
  // Playwright starts each browser with a fresh profile in a temporary directory of its own.
  const browser = await launch();
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.setContent(
      '<html><body style="margin:0;background:#fff"><div id="out"></div></body></html>',
    );
    await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
    await page.evaluate(() => {
      (globalThis as any).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    });
    let n = 0;
    return {
      async render(text, opts = {}) {
        await page.setViewportSize({ width: opts.width ?? 1000, height: 800 });
        const result: RenderResult = await page.evaluate(
          async ([source, id]) => {
            const out = (globalThis as any).document.getElementById("out");
            try {
              // parse() reports a syntax error as an exception; render() alone may draw an error picture.
              await (globalThis as any).mermaid.parse(source);
              const { svg } = await (globalThis as any).mermaid.render(id, source);
              out.innerHTML = svg;
              const el = out.querySelector("svg")!;
              const box = el.viewBox.baseVal;
              // Fit to the page width, as a Markdown viewer does with a wide diagram.
              el.setAttribute("width", "100%");
              el.style.maxWidth = "100%";
              return { ok: true as const, width: box.width, height: box.height };
            } catch (e) {
              out.innerHTML = "";
              return { ok: false as const, error: String((e as Error)?.message ?? e) };
            }
          },
          [text, `diagram${++n}`] as const,
        );
        if (result.ok && opts.png) {
          fs.mkdirSync(path.dirname(opts.png), { recursive: true });
          await page.locator("#out svg").screenshot({ path: opts.png });
        }
        return result;
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
