const AWS = require('aws-sdk');

// what the integration test reads before it runs: untyped, as require gives it
export async function apiUrl(env: string): Promise<string> {
  const ssm = new AWS.SSM();
  return (await ssm.getParameter({ Name: `/shop/${env}/api/url` }).promise()).Parameter.Value;
}
