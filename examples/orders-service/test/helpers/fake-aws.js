'use strict';
// Installs fakes for the AWS SDK so the code under test runs offline with no node_modules:
// 'aws-sdk' (v2, what the service uses today) and '@aws-sdk/client-dynamodb' +
// '@aws-sdk/lib-dynamodb' (v3, what it uses after the SDK migration). Both talk to one
// in-memory table, so the same tests hold before and after the migration.
// Require this file before requiring any module under src/.
const Module = require('node:module');
const { FakeDynamoDB } = require('./fake-dynamodb');

const dynamodb = new FakeDynamoDB();
const OPERATIONS = ['get', 'put', 'update', 'query'];

// v2: every operation returns an AWS.Request with .promise(), or takes a node-style callback.
class DocumentClient {
  constructor(options = {}) {
    this.options = options;
  }
}
for (const operation of OPERATIONS) {
  DocumentClient.prototype[operation] = function (params, callback) {
    const run = () => dynamodb.call(operation, params);
    if (typeof callback === 'function') {
      run().then((data) => callback(null, data), (err) => callback(err));
      return undefined;
    }
    return { promise: run };
  };
}
const awsSdkV2 = {
  DynamoDB: Object.assign(function DynamoDB() {}, { DocumentClient }),
  config: { update() {} },
};

// v3: bare client + command objects, or the aggregated DynamoDBDocument with methods.
class DynamoDBClient {
  constructor(config = {}) {
    this.config = config;
  }
  destroy() {}
}
const commands = {};
for (const operation of OPERATIONS) {
  const name = `${operation[0].toUpperCase()}${operation.slice(1)}Command`;
  commands[name] = class {
    constructor(input) {
      this.input = input;
      this.operation = operation;
    }
  };
  Object.defineProperty(commands[name], 'name', { value: name });
}
class DynamoDBDocumentClient {
  constructor(client, translateConfig = {}) {
    this.client = client;
    this.translateConfig = translateConfig;
  }
  static from(client, translateConfig) {
    return new this(client, translateConfig);
  }
  send(command) {
    if (!OPERATIONS.includes(command && command.operation)) {
      return Promise.reject(new Error(`fake lib-dynamodb: unsupported command ${command && command.constructor.name}`));
    }
    return dynamodb.call(command.operation, command.input);
  }
  destroy() {}
}
class DynamoDBDocument extends DynamoDBDocumentClient {}
for (const operation of OPERATIONS) {
  DynamoDBDocument.prototype[operation] = function (input) {
    return dynamodb.call(operation, input);
  };
}

const fakes = {
  'aws-sdk': awsSdkV2,
  '@aws-sdk/client-dynamodb': { DynamoDBClient, DynamoDB: DynamoDBClient },
  '@aws-sdk/lib-dynamodb': { DynamoDBDocumentClient, DynamoDBDocument, ...commands },
};

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (Object.hasOwn(fakes, request)) return fakes[request];
  return originalLoad.call(this, request, parent, isMain);
};

module.exports = { dynamodb };
