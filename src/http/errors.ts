import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An error a service raises for a client mistake; becomes an HTTP 4xx with a stable code and a safe message. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 429,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; reason: string }[]; requestId?: string };
}

/** Installs handlers that turn every error into a clear JSON body; never echoes request data, never a 500 for client input. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        reason: v.message ?? 'is invalid',
      }));
      const body: ErrorBody = { error: { code: 'invalid_input', message: 'The request has invalid fields.', fields } };
      return reply.status(400).send(body);
    }
    if (error instanceof ClientError) {
      const body: ErrorBody = {
        error: { code: error.code, message: error.message, ...(error.field ? { fields: [{ field: error.field, reason: error.message }] } : {}) },
      };
      return reply.status(error.statusCode).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, wrong content type.
      const body: ErrorBody = { error: { code: clientErrorCode(error), message: safeClientMessage(error) } };
      return reply.status(status).send(body);
    }
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'unhandled error');
    const body: ErrorBody = { error: { code: 'internal', message: 'Internal error. Quote the request id to support.', requestId: request.id } };
    return reply.status(500).send(body);
  });
}

/** The JSON body for an unknown route. */
export const notFoundBody: ErrorBody = { error: { code: 'not_found', message: 'Not found.' } };

function safeClientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'The request body has an unsupported content type.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty but JSON was declared.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'The request body is not valid JSON.';
      return 'The request could not be processed.';
  }
}

function clientErrorCode(error: FastifyError): string {
  const codes: Record<string, string> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
    FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  };
  return codes[error.code] ?? (error instanceof SyntaxError ? 'invalid_json' : 'bad_request');
}
