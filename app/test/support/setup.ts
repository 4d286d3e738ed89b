// Loaded once by mocha (see .mocharc.json): the local S3 accepts these fixed credentials, and
// the SDK must not look for instance metadata on a developer machine or in CI.
process.env.AWS_ACCESS_KEY_ID = "S3RVER";
process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
