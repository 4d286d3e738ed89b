// Data sources that hand out a secret for a program to pass on. Short-lived credentials: a
// registry login for pushing an image, a Kubernetes token for an EKS cluster, a CodeArtifact token
// for a package manager. A program reads them, most often inside an `apply` once the repository or
// cluster exists, to configure another provider (`docker.Image`'s `registry`, a
// `kubernetes.Provider`); without an answer the apply phase stops at the first one and the
// resources after it go unjudged. They are answered in AWS's format for the stack's account and
// region, the secret part being OFFLINE_TOKEN, which a registry or an API server would refuse.
// And Secrets Manager's random password, which a program stores as a database's password or in a
// secret: it cannot be a marked text, since a program may check its length and classes, so it is
// one AWS could have made. Policies see either only where the program passes it on (a provider's
// settings, a secret's value, a database's master password), as they would see AWS's.
import type { Resolved } from "./env";
import { chars, hex, TIMESTAMP } from "./hash";

type Args = Record<string, any>;

/** What every token here is: text a registry or an API server would refuse. */
export const OFFLINE_TOKEN = "offline-check-not-a-token";

/** `https://<registry>.dkr.ecr.<region>.<suffix>`: the registry endpoint ECR returns. */
const ecrEndpoint = (registryId: string | undefined, e: Resolved) =>
  `https://${registryId ?? e.accountId}.dkr.ecr.${e.region.code}.${e.partition.dnsSuffix}`;

/**
 * An ECR authorization token is the base64 of `AWS:<password>` (ECR API Reference,
 * "AuthorizationData": "a base64-encoded string that contains authorization data … decoded,
 * it is presented in the format user:password"); programs split it on ":" themselves.
 */
const ecrToken = () => Buffer.from(`AWS:${OFFLINE_TOKEN}`).toString("base64");

/**
 * The character classes of Secrets Manager's GetRandomPassword (API model, botocore
 * data/secretsmanager/2017-10-17/service-2.json: ExcludePunctuation removes ``! " # $ % & ' ( )
 * * + , - . / : ; < = > ? @ [ \ ] ^ _ ` { | } ~``; IncludeSpace lets the password contain the
 * space; RequireEachIncludedType asks for "at least one upper and lowercase letter, one number,
 * and one punctuation", so the space is never required). The provider's data source
 * (terraform-provider-aws internal/service/secretsmanager/random_password_data_source.go) sends
 * passwordLength 32 and every flag false unless the program sets them, so RequireEachIncludedType
 * is off by default there, and sets the id to the password.
 */
const PASSWORD_CLASSES: [flag: string, charset: string][] = [
  ["excludeLowercase", "abcdefghijklmnopqrstuvwxyz"],
  ["excludeUppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
  ["excludeNumbers", "0123456789"],
  ["excludePunctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"],
];

/**
 * `k` distinct positions below `n`, picked by `seed` (a partial Fisher-Yates shuffle), so the
 * required characters land anywhere in the password, not always first.
 */
function positions(seed: string, n: number, k: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const draws = Buffer.from(hex(seed, k * 4), "hex");
  for (let i = 0; i < k; i++) {
    const j = i + (draws.readUInt16BE(2 * i) % (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, k);
}

/**
 * A password as GetRandomPassword makes one, from the arguments alone (so the same program gets
 * the same password in both phases). Refused: a length the API model's PasswordLengthType (an
 * integer, 1 to 4096) does not allow, and a request that leaves no character to draw from. AWS
 * documents no other refusal, so a password shorter than the required classes is answered with
 * as many of them as fit.
 */
function randomPassword(a: Args): string {
  const length = a.passwordLength ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 4096) {
    throw new Error(
      `getRandomPassword: passwordLength ${length} is refused by Secrets Manager (InvalidParameterException): it must be an integer from 1 to 4096`,
    );
  }
  const excluded = new Set(String(a.excludeCharacters ?? ""));
  const classes = PASSWORD_CLASSES.filter(([flag]) => a[flag] !== true)
    .map(([, set]) => [...set].filter((c) => !excluded.has(c)).join(""))
    .filter((set) => set.length > 0);
  const space = a.includeSpace === true && !excluded.has(" ") ? " " : "";
  const all = classes.join("") + space;
  if (all === "") {
    throw new Error(
      "getRandomPassword: no character left to draw from (every class excluded or named in excludeCharacters), so no password can be made: include at least one class of characters",
    );
  }
  const seed = JSON.stringify({ ...a, passwordLength: length });
  const body = [...chars(seed, length, all)];
  if (a.requireEachIncludedType === true) {
    const required = classes.slice(0, length);
    const at = positions(`${seed}|positions`, length, required.length);
    required.forEach((set, i) => (body[at[i]] = chars(`${seed}|${i}`, 1, set)));
  }
  return body.join("");
}

export const TOKEN_INVOKES: Record<string, (args: Args, env: Resolved) => Args> = {
  "aws:ecr/getAuthorizationToken:getAuthorizationToken": (a, e) => ({
    ...a,
    id: e.region.code,
    authorizationToken: ecrToken(),
    userName: "AWS",
    password: OFFLINE_TOKEN,
    proxyEndpoint: ecrEndpoint(a.registryId, e),
    expiresAt: TIMESTAMP,
  }),
  // @pulumi/aws's own data source over ECR's GetAuthorizationToken (sdk/nodejs/ecr/getCredentials.ts
  // in pulumi/pulumi-aws: registryId in; authorizationToken, expiresAt, proxyEndpoint out).
  "aws:ecr/getCredentials:getCredentials": (a, e) => ({
    ...a,
    id: String(a.registryId ?? e.accountId),
    registryId: String(a.registryId ?? e.accountId),
    authorizationToken: ecrToken(),
    proxyEndpoint: ecrEndpoint(a.registryId, e),
    expiresAt: TIMESTAMP,
  }),
  // ECR Public tokens are issued in us-east-1 only (ECR Public API Reference, GetAuthorizationToken).
  "aws:ecrpublic/getAuthorizationToken:getAuthorizationToken": (a) => ({
    ...a,
    id: "us-east-1",
    authorizationToken: ecrToken(),
    userName: "AWS",
    password: OFFLINE_TOKEN,
    expiresAt: TIMESTAMP,
  }),
  // aws_eks_cluster_auth: a presigned STS GetCallerIdentity URL, base64url, after "k8s-aws-v1."
  // (aws-iam-authenticator's token format).
  "aws:eks/getClusterAuth:getClusterAuth": (a) => ({
    ...a,
    id: a.name,
    token: `k8s-aws-v1.${Buffer.from(OFFLINE_TOKEN).toString("base64url")}`,
  }),
  "aws:secretsmanager/getRandomPassword:getRandomPassword": (a) => {
    const password = randomPassword(a);
    return { ...a, passwordLength: a.passwordLength ?? 32, id: password, randomPassword: password };
  },
  "aws:codeartifact/getAuthorizationToken:getAuthorizationToken": (a, e) => ({
    ...a,
    id: a.domain,
    domainOwner: a.domainOwner ?? e.accountId,
    authorizationToken: OFFLINE_TOKEN,
    expiration: TIMESTAMP,
  }),
};
