// Packages programs use next to @pulumi/aws: random, tls, command, docker, docker-build; and the
// engine's own resources (stack references, providers). Outputs as each package's registry page
// documents them (pulumi.com/registry/packages/random, /tls, /command, /docker, /docker-build).
import type { FakeAwsEnv } from "./env";
import { hasUnknown, UNKNOWN } from "./env";
import { ALNUM, chars, hex, LOWER, uuid } from "./hash";
import { distinctValue } from "./invented";
import { PET_ADJECTIVES, PET_NAMES } from "./pet-words";
import type { Phase, ResourceArgs, ResourceState } from "./resources";

/** RandomString/RandomPassword: `length` characters from the classes the inputs allow. */
function randomText(seed: string, i: Record<string, any>): string {
  const length = typeof i.length === "number" ? i.length : 16;
  let set = "";
  if (i.upper !== false) set += "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  if (i.lower !== false) set += LOWER;
  if (i.numeric !== false && i.number !== false) set += "0123456789";
  if (i.special !== false)
    set += typeof i.overrideSpecial === "string" ? i.overrideSpecial : "!@#$%&*()-_=+[]{}<>:?";
  return chars(seed, length, set || ALNUM);
}

/**
 * The value `make` draws from a seed, distinct among the values of `token` the run has made
 * (./invented.ts): a program may name resources after it.
 */
type Draw = (token: string, make: (seed: string) => string) => string;

function random(
  token: string,
  seed: string,
  i: Record<string, any>,
  draw: Draw,
): ResourceState | undefined {
  switch (token) {
    case "random:index/randomPassword:RandomPassword": {
      const result = randomText(seed, i);
      // A bcrypt-shaped hash that is visibly not one of `result`.
      return {
        id: "none",
        state: { ...i, result, bcryptHash: `$2a$10$${chars(`${seed}.bcrypt`, 53, ALNUM)}` },
      };
    }
    case "random:index/randomString:RandomString": {
      const result = draw(token, (s) => randomText(s, i));
      return { id: result, state: { ...i, result } };
    }
    case "random:index/randomId:RandomId": {
      const n = 2 * (typeof i.byteLength === "number" ? i.byteLength : 8);
      const bytes = Buffer.from(
        draw(token, (s) => hex(s, n)),
        "hex",
      );
      const prefix = typeof i.prefix === "string" ? i.prefix : "";
      const b64Url = bytes.toString("base64url");
      return {
        id: b64Url,
        state: {
          ...i,
          hex: prefix + bytes.toString("hex"),
          b64Std: prefix + bytes.toString("base64"),
          b64Url: prefix + b64Url,
          dec: prefix + BigInt(`0x${bytes.toString("hex") || "0"}`).toString(),
        },
      };
    }
    case "random:index/randomPet:RandomPet": {
      const words = typeof i.length === "number" ? i.length : 2;
      const sep = typeof i.separator === "string" ? i.separator : "-";
      const word = (s: string, k: number, list: readonly string[]) =>
        list[parseInt(hex(`${s}.${k}`, 8), 16) % list.length];
      const pet = draw(token, (s) =>
        [
          ...(typeof i.prefix === "string" ? [i.prefix] : []),
          ...Array.from({ length: words }, (_, k) =>
            word(s, k, k === words - 1 ? PET_NAMES : PET_ADJECTIVES),
          ),
        ].join(sep),
      );
      return { id: pet, state: { ...i } };
    }
    case "random:index/randomUuid:RandomUuid": {
      const result = draw(token, uuid);
      return { id: result, state: { ...i, result } };
    }
    case "random:index/randomInteger:RandomInteger": {
      const min = typeof i.min === "number" ? i.min : 0;
      const max = typeof i.max === "number" ? i.max : min;
      const result = min + (parseInt(hex(seed, 8), 16) % (max - min + 1));
      return { id: String(result), state: { ...i, result } };
    }
    case "random:index/randomShuffle:RandomShuffle": {
      const list: unknown[] = Array.isArray(i.inputs) ? [...i.inputs] : [];
      list.sort((a, b) =>
        hex(`${seed}.${String(a)}`, 8) < hex(`${seed}.${String(b)}`, 8) ? -1 : 1,
      );
      const count = typeof i.resultCount === "number" ? i.resultCount : list.length;
      return { id: "-", state: { ...i, results: list.slice(0, count) } };
    }
    case "random:index/randomBytes:RandomBytes": {
      const bytes = Buffer.from(
        hex(seed, 2 * (typeof i.length === "number" ? i.length : 32)),
        "hex",
      );
      return {
        id: "none",
        state: { ...i, base64: bytes.toString("base64"), hex: bytes.toString("hex") },
      };
    }
  }
  return undefined;
}

/** PEM text that no tool mistakes for a key: the body says what it is. */
function fakePem(label: string, seed: string): string {
  const body = Buffer.from(`FAKE OFFLINE ${label} ${hex(seed, 16)} - NOT A KEY`).toString("base64");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function tls(token: string, seed: string, i: Record<string, any>): ResourceState | undefined {
  switch (token) {
    case "tls:index/privateKey:PrivateKey": {
      const algorithm = i.algorithm ?? "RSA";
      return {
        id: hex(`${seed}.id`, 40),
        state: {
          ...i,
          algorithm,
          privateKeyPem: fakePem(`${algorithm} PRIVATE KEY`, seed),
          privateKeyPemPkcs8: fakePem("PRIVATE KEY", seed),
          privateKeyOpenssh: fakePem("OPENSSH PRIVATE KEY", seed),
          publicKeyPem: fakePem("PUBLIC KEY", seed),
          publicKeyOpenssh: `ssh-${algorithm === "ED25519" ? "ed25519" : "rsa"} ${Buffer.from(`FAKE-OFFLINE-${hex(seed, 16)}`).toString("base64")}\n`,
          publicKeyFingerprintMd5: hex(`${seed}.md5`, 32).replace(/(..)(?!$)/g, "$1:"),
          publicKeyFingerprintSha256: `SHA256:${Buffer.from(hex(`${seed}.sha`, 64), "hex")
            .toString("base64")
            .replace(/=+$/, "")}`,
        },
      };
    }
    case "tls:index/selfSignedCert:SelfSignedCert":
    case "tls:index/locallySignedCert:LocallySignedCert":
      return {
        id: BigInt(`0x${hex(seed, 30)}`).toString(),
        state: {
          ...i,
          certPem: fakePem("CERTIFICATE", seed),
          validityStartTime: "2026-01-01T00:00:00Z",
          validityEndTime: "2027-01-01T00:00:00Z",
          readyForRenewal: false,
        },
      };
    case "tls:index/certRequest:CertRequest":
      return {
        id: hex(seed, 40),
        state: { ...i, certRequestPem: fakePem("CERTIFICATE REQUEST", seed) },
      };
  }
  return undefined;
}

/** `repository[:tag]` without its tag: the tag is what follows the last ':' after the last '/'. */
function withoutTag(imageName: string): string {
  const at = imageName.indexOf("@");
  const name = at < 0 ? imageName : imageName.slice(0, at);
  const colon = name.lastIndexOf(":");
  return colon > name.lastIndexOf("/") ? name.slice(0, colon) : name;
}

/** A made-up image digest: `sha256:` and 64 hex characters, as registries report them. */
const digestOf = (seed: string) => `sha256:${hex(`${seed}.digest`, 64)}`;

/**
 * Container images built or pulled by @pulumi/docker (v4) and @pulumi/docker-build, whose digests
 * programs pass to task definitions and Lambda functions. Without them every check on those
 * definitions would stay unknown in the apply phase too. Formats from the packages' own docs:
 * docker.Image `repoDigest` "repository@<algorithm>:<hash>" for a pushed image, "<algorithm>:<hash>"
 * for a local one (skipPush); docker-build.Image `digest` "sha256:…" when exported, `ref` "a single
 * fully-qualified tag including the build's digest" (`<tag>@<digest>`) when pushed, else the first
 * tag, else "" (image.d.ts of both packages).
 */
function docker(token: string, seed: string, i: Record<string, any>): ResourceState | undefined {
  switch (token) {
    case "docker:index/image:Image": {
      const imageName = i.imageName;
      const known = typeof imageName === "string" && !hasUnknown(imageName);
      const digest = digestOf(seed);
      const build = i.build && typeof i.build === "object" ? i.build : {};
      const registryServer =
        typeof i.registry?.server === "string"
          ? i.registry.server
          : known && imageName.split("/").length > 1
            ? imageName.split("/")[0]
            : "docker.io";
      return {
        id: known ? `${withoutTag(imageName)}@${digest}` : hex(`${seed}.id`, 40),
        state: {
          ...i,
          baseImageName: imageName,
          context: build.context ?? ".",
          dockerfile: build.dockerfile ?? "Dockerfile",
          ...(build.platform !== undefined ? { platform: build.platform } : {}),
          registryServer,
          repoDigest:
            i.skipPush === true ? digest : known ? `${withoutTag(imageName)}@${digest}` : UNKNOWN,
        },
      };
    }
    case "docker:index/remoteImage:RemoteImage": {
      const known = typeof i.name === "string" && !hasUnknown(i.name);
      const digest = digestOf(seed);
      return {
        id: `${digest}${known ? i.name : ""}`,
        state: {
          ...i,
          imageId: digest,
          repoDigest: known ? `${withoutTag(i.name)}@${digest}` : UNKNOWN,
        },
      };
    }
    case "docker:index/registryImage:RegistryImage":
      return { id: digestOf(seed), state: { ...i, sha256Digest: digestOf(seed) } };
    case "docker-build:index:Image": {
      const tags: unknown[] = Array.isArray(i.tags) ? i.tags : [];
      const exported = i.push === true || (Array.isArray(i.exports) && i.exports.length > 0);
      const digest = exported ? digestOf(seed) : "";
      const first = tags[0];
      const ref =
        first === undefined
          ? ""
          : typeof first !== "string" || hasUnknown(first)
            ? UNKNOWN
            : i.push === true
              ? `${first}@${digest}`
              : first;
      return {
        id: digest || hex(`${seed}.id`, 64),
        state: { ...i, contextHash: hex(`${seed}.context`, 64), digest, ref },
      };
    }
  }
  return undefined;
}

/** Kinds of @pulumi/kubernetes that carry no object name of their own to fill in. */
const K8S_UNNAMED = /^kubernetes:(helm\.sh|yaml|kustomize)\/|(List|Patch)$/;

/**
 * A Kubernetes object whose `metadata.name` the program leaves out: the provider's Check names it
 * the logical name, a dash and 8 random hex digits, and marks it `pulumi.com/autonamed`, so
 * `pulumi preview` already shows the name (pulumi-kubernetes provider/pkg/metadata/naming.go,
 * `AssignNameIfAutonamable`, `resource.NewUniqueName(seed, name + "-", 0, 0, nil)`). A computed
 * name or generateName is left alone (Kubernetes then names it at create). Only the name is
 * modelled: the rest of the object's state is the inputs, and unmodelled once created.
 */
function kubernetes(args: ResourceArgs, phase: Phase, seed: string): ResourceState | undefined {
  const { type, name, inputs } = args;
  if (K8S_UNNAMED.test(type)) return undefined;
  const metadata = inputs.metadata ?? {};
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
    return undefined;
  const md = metadata as Record<string, unknown>;
  if (md.name !== undefined || md.generateName !== undefined) return undefined;
  // An annotations map the program gives keeps its values (known or not) beside the mark.
  const annotations = md.annotations ?? {};
  const marked =
    typeof annotations === "object" && annotations !== null && !Array.isArray(annotations)
      ? { ...annotations, "pulumi.com/autonamed": "true" }
      : annotations;
  const state = {
    ...inputs,
    metadata: { ...md, name: `${name}-${hex(seed, 8)}`, annotations: marked },
  };
  return phase === "preview" && !args.id
    ? { id: "", state }
    : { id: args.id || uuid(seed), state, modeled: false };
}

/**
 * Resources the fake answers for outside @pulumi/aws, or undefined. Stack references keep their
 * `outputs` unknown in both phases: another stack's outputs cannot be known offline.
 */
export function otherPackageState(
  args: ResourceArgs,
  env: FakeAwsEnv,
  phase: Phase,
): ResourceState | undefined {
  const { type, name, inputs } = args;
  if (type === "pulumi:pulumi:StackReference") {
    return {
      id: args.id || String(inputs.name ?? name),
      state: { ...inputs, name: inputs.name ?? name, outputs: UNKNOWN, secretOutputNames: UNKNOWN },
    };
  }
  const seed = `${type}::${name}`;
  if (type.startsWith("pulumi:providers:")) {
    return {
      id: phase === "preview" && !args.id ? "" : args.id || uuid(seed),
      state: { ...inputs },
    };
  }
  const pkg = type.split(":")[0];
  if (pkg === "kubernetes") return kubernetes(args, phase, seed);
  if (phase === "preview" && !args.id) return undefined;
  if (pkg === "random") {
    const draw: Draw = (token, make) =>
      distinctValue(env.invented, `${phase} ${token}`, seed, make);
    return random(type, seed, inputs, draw);
  }
  if (pkg === "tls") return tls(type, seed, inputs);
  if (pkg === "docker" || pkg === "docker-build") return docker(type, seed, inputs);
  if (type === "eks:index:RandomSuffix") {
    // @pulumi/eks before 1.0 names its node groups' CloudFormation stacks with this resource of
    // its own provider: the input and a dash and 8 random hex digits, id the resource's name
    // (pulumi-eks, nodejs/eks/cmd/provider/randomSuffix.ts, `appendRandom`, `getName`).
    if (inputs.input === UNKNOWN) return { id: name, state: { ...inputs, output: UNKNOWN } };
    return { id: name, state: { ...inputs, output: `${String(inputs.input)}-${hex(seed, 8)}` } };
  }
  if (type === "command:local:Command" || type === "command:remote:Command") {
    return { id: `${name}${hex(seed, 8)}`, state: { ...inputs, stdout: "", stderr: "" } };
  }
  return undefined;
}
