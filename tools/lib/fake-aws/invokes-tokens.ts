// Data sources that hand out a short-lived credential: a registry login for pushing an image, a
// Kubernetes token for an EKS cluster, a CodeArtifact token for a package manager; and Secrets
// Manager's random password, which a program stores as a database's password. A program
// reads them, most often inside an `apply` once the repository or cluster exists, to configure
// another provider (`docker.Image`'s `registry`, a `kubernetes.Provider`): no policy judges the
// token, but without an answer the apply phase stops at the first one and the resources after it
// go unjudged. They are answered in AWS's format for the stack's account and region, with a token
// that says what it is, so the apply phase runs on as `pulumi up` would.
import type { Resolved } from "./env";
import { chars, TIMESTAMP } from "./hash";

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
 * The character classes of Secrets Manager's GetRandomPassword (Secrets Manager API Reference,
 * "GetRandomPassword": ExcludePunctuation removes ``! " # $ % & ' ( ) * + , - . / : ; < = > ? @
 * [ \ ] ^ _ ` { | } ~``; IncludeSpace adds the space; PasswordLength 1 to 4096;
 * RequireEachIncludedType puts at least one of every included class in). The provider's data
 * source (terraform-provider-aws internal/service/secretsmanager/random_password_data_source.go)
 * sends passwordLength 32 and every flag false unless the program sets them, so
 * RequireEachIncludedType is off by default there, and sets the id to the password.
 */
const PASSWORD_CLASSES: [flag: string, charset: string][] = [
  ["excludeLowercase", "abcdefghijklmnopqrstuvwxyz"],
  ["excludeUppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
  ["excludeNumbers", "0123456789"],
  ["excludePunctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"],
];

/**
 * A password as GetRandomPassword makes one, from the arguments alone (so the same program gets
 * the same password in both phases); the arguments AWS refuses are refused in its words.
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
    .concat(a.includeSpace === true && !excluded.has(" ") ? [" "] : [])
    .filter((set) => set.length > 0);
  if (classes.length === 0) {
    throw new Error(
      "getRandomPassword: every character is excluded, so Secrets Manager refuses the request (InvalidParameterException): include at least one class of characters",
    );
  }
  const seed = JSON.stringify({ ...a, passwordLength: length });
  const all = classes.join("");
  const body = [...chars(seed, length, all)];
  if (a.requireEachIncludedType === true) {
    if (length < classes.length) {
      throw new Error(
        `getRandomPassword: a password of ${length} characters cannot hold one of each of the ${classes.length} included classes (InvalidParameterException): lengthen it or set requireEachIncludedType: false`,
      );
    }
    classes.forEach((set, i) => (body[i] = chars(`${seed}|${i}`, 1, set)));
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
