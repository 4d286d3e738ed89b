// Lambda function URLs: the attribute validators of the provider's schema
// (internal/service/lambda/function_url.go), which its Check runs at `pulumi preview`: the
// authorization type (the SDK's FunctionUrlAuthType, `AWS_IAM` or `NONE`) and a CORS preflight
// cache of at most 86400 seconds (validation.IntAtMost). The invoke mode's enumeration is newer
// than some providers in use and is left to the provider of the program.
import type { InputRule } from "./rule";
import { intAtMost, oneOfGrowing } from "./validators";

const URL = "aws:lambda/functionUrl:FunctionUrl";
const FILE = "internal/service/lambda/function_url.go";

export const FUNCTION_URL_RULES: readonly InputRule[] = [
  {
    type: URL,
    prop: "authorizationType",
    attr: "authorization_type",
    validate: oneOfGrowing(["AWS_IAM", "NONE"]),
    fix: "AWS_IAM (callers sign their requests) or NONE (public), upper case",
    source: FILE,
  },
  {
    type: URL,
    prop: "cors.maxAge",
    attr: "max_age",
    validate: intAtMost(86400),
    fix: "at most 86400 seconds (one day)",
    source: FILE,
  },
];
