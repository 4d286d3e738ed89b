// How other resources name a Lambda function: by name, by ARN (full or partial), each with or
// without a version or alias qualifier (Lambda API, FunctionName parameter:
// https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html).

/**
 * The function name in a Lambda `FunctionName` reference: `my-function`, `my-function:v1`,
 * `123456789012:function:my-function[:qualifier]` or
 * `arn:aws:lambda:us-west-2:123456789012:function:my-function[:qualifier]` all give `my-function`.
 */
export function lambdaFunctionName(ref: string): string {
  const marker = ref.indexOf("function:");
  const rest = marker >= 0 ? ref.slice(marker + "function:".length) : ref;
  const colon = rest.indexOf(":");
  return colon >= 0 ? rest.slice(0, colon) : rest;
}
