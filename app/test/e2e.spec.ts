// End to end in a real headless Chromium driven by playwright-core (see support/browser.ts for
// which one): open the page, upload an image through the form, and see it rendered in the
// gallery from its presigned URL, under the page's Content-Security-Policy.
import { expect } from "chai";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser";
import { png } from "./support/images";
import { LocalS3 } from "./support/local-s3";
import { startApp, type RunningApp } from "./support/harness";

describe("end to end in a headless browser", function () {
  this.timeout(60_000);
  let s3: LocalS3;
  let server: RunningApp;
  let browser: Browser;

  before(async () => {
    s3 = await LocalS3.start();
    server = await startApp(s3);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await s3?.close();
  });

  it("uploads an image through the form and sees it in the gallery", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));

    await page.goto(`${server.url}/`);
    expect(await page.locator(".gallery img").count()).to.equal(0);
    expect(await page.textContent(".gallery")).to.include("No images yet.");

    await page.setInputFiles('input[name="file"]', {
      name: "holiday.png",
      mimeType: "image/png",
      buffer: png(32, 24),
    });
    const [upload] = await Promise.all([
      page.waitForResponse((response) => response.url() === `${server.url}/upload`),
      page.click('button[type="submit"]'),
    ]);
    expect(upload.status()).to.equal(303);
    await page.waitForLoadState("load");
    expect(page.url()).to.match(
      new RegExp(`^${server.url}/\\?uploaded=\\d{4}/\\d{2}/[0-9a-f-]{36}\\.png$`),
    );

    // The gallery shows the image, loaded by the browser from the presigned S3 URL.
    const image = page.locator(".gallery img");
    await image.waitFor();
    expect(await image.count()).to.equal(1);
    // A function, not an expression: Playwright evaluates a function's text once and then calls it
    // on each poll, but evaluates an expression again on each poll, in the page, where the app's
    // Content-Security-Policy (no 'unsafe-eval') refuses it: the test failed whenever the image was
    // not loaded at the first check.
    await page.waitForFunction(
      "() => { const i = document.querySelector('.gallery img'); return !!i && i.complete && i.naturalWidth > 0; }",
    );
    const size = await image.evaluate((img: { naturalWidth: number; naturalHeight: number }) => [
      img.naturalWidth,
      img.naturalHeight,
    ]);
    expect(size).to.deep.equal([32, 24]);
    expect(await image.getAttribute("src")).to.match(new RegExp(`^${s3.endpoint}/`));

    // And its own page.
    await page.click(".gallery a");
    await page.waitForLoadState("load");
    expect(page.url()).to.match(/\/images\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.png$/);
    expect(await page.textContent(".image"))
      .to.include("holiday.png")
      .and.include("32 x 24 pixels");

    expect(problems, "console errors, e.g. CSP violations").to.deep.equal([]);
    expect(await s3.keys()).to.have.length(1);
  });
});
