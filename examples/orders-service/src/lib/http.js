'use strict';
// API Gateway proxy responses.

function json(statusCode, body) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

module.exports = { json };
