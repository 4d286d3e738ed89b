// Server-rendered pages. Every interpolated value goes through escapeHtml; there is no script
// at all, and the stylesheet is served from our own origin, so the CSP can forbid the rest.

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface GalleryItem {
  readonly id: string;
  readonly url: string;
  readonly uploaded?: Date;
}

export interface ImageView {
  readonly id: string;
  readonly url: string;
  readonly contentType?: string;
  readonly size?: number;
  readonly width?: string;
  readonly height?: string;
  readonly originalName?: string;
  readonly uploaded?: Date;
}

export const STYLESHEET = `
:root { font-family: system-ui, sans-serif; color: #1d2430; background: #f6f7f9; }
body { margin: 0 auto; max-width: 64rem; padding: 1rem 1.5rem 3rem; }
header a { color: inherit; text-decoration: none; }
section { background: #fff; border-radius: .5rem; padding: 1rem 1.5rem; margin: 1rem 0;
  box-shadow: 0 1px 2px rgba(0,0,0,.08); }
form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
label { flex-basis: 100%; color: #4a5568; }
button { padding: .5rem 1.25rem; border: 0; border-radius: .375rem; background: #2b6cb0; color: #fff;
  font: inherit; cursor: pointer; }
.gallery ul { list-style: none; padding: 0; display: grid; gap: .75rem;
  grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
.gallery img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: .375rem;
  background: #edf0f4; }
.image img { max-width: 100%; height: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { color: #4a5568; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header><h1><a href="/">Image gallery</a></h1></header>
<main>
${body}
</main>
</body>
</html>
`;
}

const dateText = (date: Date | undefined): string =>
  date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "unknown date";

/** `complete` false: the older months could not be listed in time, which the page says. */
export function galleryPage(
  items: readonly GalleryItem[],
  maxBytesText: string,
  complete = true,
): string {
  const partial = complete
    ? ""
    : `<p class="partial" role="status">Older images could not be listed just now. ` +
      `Reload the page in a moment to see them.</p>\n`;
  const gallery =
    items.length === 0
      ? complete
        ? `<p class="empty">No images yet.</p>`
        : ""
      : `<ul>\n${items
          .map(
            (item) =>
              `<li><a href="/images/${escapeHtml(item.id)}"><img src="${escapeHtml(item.url)}" ` +
              `alt="Image uploaded ${escapeHtml(dateText(item.uploaded))}" loading="lazy"></a></li>`,
          )
          .join("\n")}\n</ul>`;
  return layout(
    "Image gallery",
    `<section class="upload">
<h2>Upload an image</h2>
<form method="post" action="/upload" enctype="multipart/form-data">
<label for="file">JPEG, PNG, GIF or WebP, up to ${escapeHtml(maxBytesText)}</label>
<input id="file" name="file" type="file" accept="image/jpeg,image/png,image/gif,image/webp" required>
<button type="submit">Upload</button>
</form>
</section>
<section class="gallery">
<h2>Gallery</h2>
${partial}${gallery}
</section>`,
  );
}

export function imagePage(view: ImageView): string {
  const rows: Array<[string, string]> = [["Uploaded", dateText(view.uploaded)]];
  if (view.originalName) rows.push(["Original name", view.originalName]);
  if (view.width && view.height) rows.push(["Dimensions", `${view.width} x ${view.height} pixels`]);
  if (view.size !== undefined) rows.push(["Size", `${view.size} bytes`]);
  if (view.contentType) rows.push(["Type", view.contentType]);
  return layout(
    "Image",
    `<section class="image">
<img src="${escapeHtml(view.url)}" alt="Uploaded image ${escapeHtml(view.id)}">
<dl>
${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("\n")}
</dl>
<p><a href="/">Back to the gallery</a></p>
</section>`,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(
    `Error ${status}`,
    `<section class="error">
<h2>Error ${escapeHtml(status)}</h2>
<p>${escapeHtml(message)}</p>
<p><a href="/">Back to the gallery</a></p>
</section>`,
  );
}
