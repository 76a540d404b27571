// Terraform: triggers read from the resources of the function's folder that name it, each giving
// its generated event, type-checked like the others.
import { describe, expect, it } from 'vitest';
import { eventTypes, generatedEvent } from '../../../src/equivalence/events/generate.js';
import { allEvents } from './helpers.js';
import { typeErrors } from './typecheck.js';

const main = `resource "aws_lambda_function" "api" {
  function_name = "api"
  runtime       = "nodejs18.x"
  handler       = "index.handler"
  filename      = "api.zip"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  runtime       = "nodejs18.x"
  handler       = "index.handler"
  filename      = "worker.zip"
}

resource "aws_lambda_function" "idle" {
  function_name = "idle"
  runtime       = "nodejs18.x"
  handler       = "index.handler"
  filename      = "idle.zip"
}
`;

const triggers = `resource "aws_sqs_queue" "jobs" {
  name = "jobs-queue"
}
resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
}
resource "aws_dynamodb_table" "items" {
  name = "items"
}
resource "aws_lambda_event_source_mapping" "items" {
  event_source_arn  = aws_dynamodb_table.items.stream_arn
  function_name     = aws_lambda_function.worker.function_name
  starting_position = "LATEST"
}
resource "aws_api_gateway_method" "get" {
  http_method = "GET"
}
resource "aws_api_gateway_integration" "get" {
  http_method = aws_api_gateway_method.get.http_method
  type        = "AWS_PROXY"
  uri         = aws_lambda_function.api.invoke_arn
}
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_integration" "http" {
  api_id           = aws_apigatewayv2_api.http.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.api.invoke_arn
}
resource "aws_apigatewayv2_api" "ws" {
  name          = "ws"
  protocol_type = "WEBSOCKET"
}
resource "aws_apigatewayv2_integration" "ws" {
  api_id          = aws_apigatewayv2_api.ws.id
  integration_uri = aws_lambda_function.idle.invoke_arn
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "rate(1 day)"
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.worker.arn
}
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
resource "aws_sns_topic_subscription" "alerts" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.worker.arn
}
resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-bucket"
}
resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.worker.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = "in/"
  }
}
`;

describe('Terraform triggers', () => {
  const files = { 'infra/main.tf': main, 'infra/triggers.tf': triggers };

  it('each resource that names the function gives its event; a WebSocket integration gives none', () => {
    const names = Object.fromEntries(
      [...allEvents(files)].map(([name, { cases }]) => [name, cases.map((c) => c.name)]),
    );
    expect(names).toEqual({
      api: ['generated api GET /', 'generated httpApi ANY /'],
      worker: [
        'generated sqs jobs-queue',
        'generated dynamodb items',
        'generated schedule rate(1 day)',
        'generated sns alerts',
        'generated s3 uploads-bucket',
      ],
      idle: [expect.stringMatching(/^generic \{\}/)],
    });
  });

  it('the events type-check against @types/aws-lambda', () => {
    const all = [...allEvents(files).values()].flatMap(({ fn }) => fn.triggers ?? []);
    const checked = all.map((t) => ({ type: eventTypes[t.kind], event: generatedEvent(t) }));
    expect(checked.length).toBe(7);
    expect(typeErrors(checked)).toEqual(checked.map(() => []));
  }, 60_000);
});
