// Where the pipeline takes the app's source from: a CodeCommit repository (created here unless it
// exists) or a GitHub repository through a CodeConnections connection (created unless given).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameWithin } from "../naming";
import { PipelineBuild } from "./plan";
import { SourcePermission } from "./policies";

/** The source stage's action for one branch, what the pipeline role may do on the source, and the outputs. */
export interface PipelineSourceParts {
  readonly sourcePermission: SourcePermission;
  readonly sourceActionFor: (branch: string) => aws.types.input.codepipeline.PipelineStageAction;
  /** CodeCommit: the repository's HTTPS clone URL. */
  readonly cloneUrlHttp?: pulumi.Output<string>;
  /** GitHub: the connection. */
  readonly connectionArn?: pulumi.Output<string>;
}

/**
 * The name of the GitHub connection a stack creates: `<project>-<stack>` when it fits, else its
 * start and a hash of the whole (`nameWithin`). CodeConnections API, CreateConnection
 * `ConnectionName`: 1 to 32 characters, "unique in the calling AWS account"
 * (https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_CreateConnection.html), so
 * the first 32 characters alone would give two long stack names that share them the same name,
 * and the second stack's `pulumi up` would fail creating its connection.
 */
export function connectionName(prefix: string): string {
  return nameWithin(prefix, 32);
}

/** The source: its repository or connection, and the source action of each pipeline. */
export function pipelineSource(b: PipelineBuild): PipelineSourceParts {
  const { name, args, parent, tags, protect, prefix, region, arn } = b;
  let cloneUrlHttp: pulumi.Output<string> | undefined;
  let connectionArn: pulumi.Output<string> | undefined;
  let sourcePermission: SourcePermission;
  let sourceActionFor: (branch: string) => aws.types.input.codepipeline.PipelineStageAction;
  if (args.source.kind === "codecommit") {
    const repositoryName = args.source.repositoryName;
    let repositoryArn: pulumi.Output<string>;
    if (args.source.create) {
      // The repository holds the source code: it outlives the stack.
      const repo = new aws.codecommit.Repository(
        `${name}-source`,
        {
          repositoryName,
          description: `Source of the app delivered by ${prefix}`,
          tags: tags("source"),
        },
        { parent: b.self, protect, retainOnDelete: true },
      );
      // Two-person review of pull requests into the delivered branches.
      const template = new aws.codecommit.ApprovalRuleTemplate(
        `${name}-review`,
        {
          name: `${prefix}-review`,
          description: "One approval before a pull request merges into a delivered branch",
          content: JSON.stringify({
            Version: "2018-11-08",
            DestinationReferences: args.branches.map((b) => `refs/heads/${b}`),
            Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: 1 }],
          }),
        },
        parent,
      );
      new aws.codecommit.ApprovalRuleTemplateAssociation(
        `${name}-review-association`,
        { approvalRuleTemplateName: template.name, repositoryName: repo.repositoryName },
        parent,
      );
      repositoryArn = repo.arn;
      cloneUrlHttp = repo.cloneUrlHttp;
    } else {
      repositoryArn = arn("codecommit", repositoryName);
      cloneUrlHttp = pulumi.interpolate`https://git-codecommit.${region}.amazonaws.com/v1/repos/${repositoryName}`;
    }
    sourcePermission = { kind: "codecommit", repositoryArn };
    // PollForSourceChanges false: an EventBridge rule per branch starts the pipeline (below).
    sourceActionFor = (branch) => ({
      name: "Source",
      category: "Source",
      owner: "AWS",
      provider: "CodeCommit",
      version: "1",
      namespace: "SourceVariables",
      outputArtifacts: ["Source"],
      configuration: {
        RepositoryName: repositoryName,
        BranchName: branch,
        PollForSourceChanges: "false",
        OutputArtifactFormat: "CODE_ZIP",
      },
    });
  } else {
    const github = args.source;
    let connection: pulumi.Output<string>;
    if (github.connectionArn) {
      connection = pulumi.output(github.connectionArn);
    } else {
      // CodePipeline docs ("Create a connection"): a connection created through the API stays
      // PENDING until someone completes the handshake with GitHub in the console.
      connection = new aws.codeconnections.Connection(
        `${name}-github`,
        { name: connectionName(prefix), providerType: "GitHub", tags: tags("github") },
        parent,
      ).arn;
    }
    connectionArn = connection;
    // Service Authorization Reference: connections created since the CodeConnections rename
    // have `codeconnections` ARNs and are used with codeconnections:UseConnection; older ones
    // keep `codestar-connections`.
    sourcePermission = {
      kind: "connection",
      connectionArn: connection,
      action: (github.connectionArn ?? "").includes(":codestar-connections:")
        ? "codestar-connections:UseConnection"
        : "codeconnections:UseConnection",
    };
    sourceActionFor = (branch) => ({
      name: "Source",
      category: "Source",
      owner: "AWS",
      provider: "CodeStarSourceConnection",
      version: "1",
      namespace: "SourceVariables",
      outputArtifacts: ["Source"],
      configuration: {
        ConnectionArn: connection,
        FullRepositoryId: github.repository,
        BranchName: branch,
        OutputArtifactFormat: "CODE_ZIP",
      },
    });
  }
  return { sourcePermission, sourceActionFor, cloneUrlHttp, connectionArn };
}
