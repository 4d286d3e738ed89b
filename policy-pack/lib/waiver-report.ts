// The text of a `policy-waivers` finding: one waiver in use, and the findings it withheld in this
// evaluation. It is what `pulumi preview` prints, so it reads as a sentence; it is also the only
// way the withheld findings leave the pack (the engine has no "waived" diagnostic), so tools that
// read the engine's diagnostics parse it back with `parseWaiverListing`. Keep both in step.
//
//   waives 'kms-key-rotation-enabled' (tag waiver:kms-key-rotation-enabled): Partner integration ...
//     withheld "Key rotation is disabled" on urn:pulumi:prod::platform::aws:kms/key:Key::legacy
//
// The first line names the waived policy, where the waiver is written (a tag on the resource the
// finding is reported on, or the policy's `waivers` config) and its reason; each further line is
// one withheld finding: its message as a JSON string, then the URN of the resource it was about.
import { WAIVER_TAG_PREFIX } from "./waivers";

export interface WithheldFinding {
  readonly urn: string;
  readonly message: string;
}

export interface WaiverListing {
  readonly policy: string;
  readonly via: "tag" | "config";
  readonly reason: string;
  readonly withheld: readonly WithheldFinding[];
}

const WITHHELD_PREFIX = "\n  withheld ";
const HEADER = /^waives '([^']+)' \((?:tag ([^)]*)|policy config `waivers`)\): /;
const LINE = /^ {2}withheld ("(?:[^"\\]|\\.)*") on (.+)$/;

/** The message of a `policy-waivers` finding (withheld findings ordered by URN, then message). */
export function waiverListing(listing: WaiverListing): string {
  const where =
    listing.via === "tag" ? `tag ${WAIVER_TAG_PREFIX}${listing.policy}` : "policy config `waivers`";
  const withheld = [...listing.withheld].sort(
    (a, b) =>
      (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  return (
    `waives '${listing.policy}' (${where}): ${listing.reason}` +
    withheld.map((w) => `${WITHHELD_PREFIX}${JSON.stringify(w.message)} on ${w.urn}`).join("")
  );
}

/** Reads a `policy-waivers` message back; undefined for any other text. */
export function parseWaiverListing(text: string): WaiverListing | undefined {
  const header = HEADER.exec(text);
  if (!header) return undefined;
  const policy = header[1];
  const via = header[2] === undefined ? "config" : "tag";
  if (via === "tag" && header[2] !== `${WAIVER_TAG_PREFIX}${policy}`) return undefined;
  const rest = text.slice(header[0].length);
  const cut = rest.indexOf(WITHHELD_PREFIX);
  const reason = cut < 0 ? rest : rest.slice(0, cut);
  const withheld: WithheldFinding[] = [];
  if (cut >= 0) {
    for (const line of rest.slice(cut + 1).split("\n")) {
      const m = LINE.exec(line);
      if (!m) return undefined;
      withheld.push({ message: JSON.parse(m[1]) as string, urn: m[2] });
    }
  }
  return { policy, via, reason, withheld };
}
