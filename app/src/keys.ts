// Object keys are made here, never from anything the client sent: the date, a random UUID and
// the extension of the type detected from the file's content.
import { randomUUID } from "node:crypto";
import { IMAGE_FORMATS, type ImageKind } from "./image";

export const KEY_PREFIX = "uploads/";

// The public id of an image is its key without the prefix: "<yyyy>/<mm>/<uuid>.<ext>".
const ID_PATTERN =
  /^\d{4}\/(0[1-9]|1[0-2])\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.(png|jpg|gif|webp)$/;

/** `uploads/<yyyy>/<mm>/` for the UTC month of `date`: the prefix of that month's keys. */
export function monthPrefix(date: Date): string {
  const yyyy = String(date.getUTCFullYear()).padStart(4, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `${KEY_PREFIX}${yyyy}/${mm}/`;
}

/** A new, unguessable key: `uploads/<yyyy>/<mm>/<uuid>.<ext>`. */
export function newObjectKey(kind: ImageKind, now: Date = new Date()): string {
  return `${monthPrefix(now)}${randomUUID()}.${IMAGE_FORMATS[kind].ext}`;
}

export function isImageId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The key for a public id, or undefined when the id is not one this service could have made. */
export function keyFromId(id: string): string | undefined {
  return isImageId(id) ? KEY_PREFIX + id : undefined;
}

/** The public id of a key, or undefined for keys this service did not make. */
export function idFromKey(key: string): string | undefined {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const id = key.slice(KEY_PREFIX.length);
  return isImageId(id) ? id : undefined;
}

/**
 * The client's file name reduced to something safe to keep as metadata and to show: the last
 * path segment only, printable ASCII letters, digits and `._-` and spaces, at most 100
 * characters. Undefined when nothing useful is left.
 */
export function sanitizeFileName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents split off by NFKD: é -> e
    .replace(/[^A-Za-z0-9._ -]+/g, "_")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 100);
  return /[A-Za-z0-9]/.test(cleaned) ? cleaned : undefined;
}
