import * as AWS from 'aws-sdk';

// serverless-offline runs everything against localstack's region, and gives up quickly
if (process.env.IS_OFFLINE) {
  AWS.config.update({ region: 'localhost', maxRetries: 1 });
}

export const bucket = process.env.BUCKET ?? 'uploads';
