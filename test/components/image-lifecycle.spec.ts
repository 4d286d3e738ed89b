// The image repository's lifecycle, evaluated the way ECR evaluates it, against the images the
// pipeline leaves behind: what the running service may still need must survive.
import { expect } from "chai";
import {
  DEPLOYED_IMAGES_KEPT,
  DEPLOYED_TAG_PREFIX,
  imageLifecyclePolicy,
} from "../../components/runtime";

interface Image {
  readonly name: string;
  readonly tags: readonly string[];
  /** Hours since the first push. */
  readonly pushedAt: number;
}

interface Rule {
  rulePriority: number;
  selection: {
    tagStatus: "tagged" | "untagged" | "any";
    tagPrefixList?: string[];
    countType: "imageCountMoreThan" | "sinceImagePushed";
    countUnit?: "days";
    countNumber: number;
  };
}

/**
 * ECR user guide, "Lifecycle policy evaluation rules": every rule selects by tag status and
 * prefixes (an image matches when each prefix matches one of its tags); imageCountMoreThan
 * expires the selected images beyond the newest countNumber, sinceImagePushed those older than
 * countNumber days; "an image that matches the tagging requirements of a rule cannot be expired by
 * a rule with a lower priority", and an image is expired by at most one rule.
 */
function expiredBy(policy: string, images: readonly Image[], nowHours: number): string[] {
  const rules = (JSON.parse(policy).rules as Rule[]).sort(
    (a, b) => a.rulePriority - b.rulePriority,
  );
  const selects = (r: Rule, i: Image) =>
    r.selection.tagStatus === "any" ||
    (r.selection.tagStatus === "untagged"
      ? i.tags.length === 0
      : i.tags.length > 0 &&
        (r.selection.tagPrefixList ?? []).every((p) => i.tags.some((t) => t.startsWith(p))));
  const expired = new Set<string>();
  rules.forEach((rule, index) => {
    const selected = images.filter((i) => selects(rule, i)).sort((a, b) => b.pushedAt - a.pushedAt);
    const candidates =
      rule.selection.countType === "imageCountMoreThan"
        ? selected.slice(rule.selection.countNumber)
        : selected.filter((i) => nowHours - i.pushedAt > rule.selection.countNumber * 24);
    for (const i of candidates) {
      const shielded = rules.slice(0, index).some((higher) => selects(higher, i));
      if (!shielded) expired.add(i.name);
    }
  });
  return images.filter((i) => expired.has(i.name)).map((i) => i.name);
}

/** `count` commit images pushed an hour apart; `deployed` (by index) also carry a deployed tag. */
function pushes(count: number, deployed: readonly number[]): Image[] {
  return Array.from({ length: count }, (_, n) => ({
    name: `commit-${n}`,
    tags: [
      `c0ffee${n}`,
      ...(deployed.includes(n) ? [`${DEPLOYED_TAG_PREFIX}2026120${n % 10}T000000Z`] : []),
    ],
    pushedAt: n,
  }));
}

describe("Image repository lifecycle", () => {
  const keep = 30;
  const policy = imageLifecyclePolicy(keep);

  it("keeps the running image however many newer images are pushed without being deployed", () => {
    // The running image is commit-2; 60 commits are built after it, none approved for prod yet.
    const images = pushes(63, [0, 1, 2]);
    const gone = expiredBy(policy, images, 100);
    expect(gone).to.not.include("commit-2");
    expect(gone).to.not.include("commit-1"); // the rollback target too
    // A count rule alone (what ECR offers without the deployed rule) would have removed it.
    const countOnly = JSON.stringify({
      rules: JSON.parse(policy).rules.filter((r: Rule) => r.selection.tagStatus !== "tagged"),
    });
    expect(expiredBy(countOnly, images, 100)).to.include("commit-2");
  });

  it(`still bounds the repository: the last ${keep} images and the last ${DEPLOYED_IMAGES_KEPT} deployed ones stay, the rest go`, () => {
    const deployed = Array.from({ length: 15 }, (_, n) => n * 4); // every fourth of 60 commits
    const images = pushes(60, deployed);
    const gone = new Set(expiredBy(policy, images, 100));
    const kept = images.filter((i) => !gone.has(i.name));
    const keptDeployed = kept.filter((i) => i.tags.some((t) => t.startsWith(DEPLOYED_TAG_PREFIX)));
    expect(keptDeployed.map((i) => i.name)).to.deep.equal(
      deployed.slice(-DEPLOYED_IMAGES_KEPT).map((n) => `commit-${n}`),
    );
    const newest = images.slice(-keep).map((i) => i.name);
    for (const name of newest) expect(gone.has(name), name).to.equal(false);
    expect(kept.length).to.be.at.most(keep + DEPLOYED_IMAGES_KEPT);
  });

  it("keeps ECR's own constraints: the deployed rule before the any rule, which comes last", () => {
    const rules = JSON.parse(policy).rules as Rule[];
    const priorities = rules.map((r) => r.rulePriority);
    expect(new Set(priorities).size).to.equal(rules.length);
    const any = rules.find((r) => r.selection.tagStatus === "any")!;
    expect(any.rulePriority).to.equal(Math.max(...priorities));
    const mark = rules.find((r) => r.selection.tagPrefixList?.includes(DEPLOYED_TAG_PREFIX))!;
    expect(mark.selection).to.include({ tagStatus: "tagged", countType: "imageCountMoreThan" });
    expect(mark.rulePriority).to.be.lessThan(any.rulePriority);
    expect(rules.filter((r) => r.selection.tagStatus === "untagged")).to.have.length(1);
  });
});
