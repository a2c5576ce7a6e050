import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type Request, type Response } from 'express';
import {
  DomainError,
  httpStatusOf,
  isServiceUnreachable,
  serviceUnavailable,
} from './domain-error';

/**
 * Domain errors on REST endpoints become `{ code, message, ...details }` with the matching
 * status; so does a database that cannot be reached (503 with Retry-After). In GraphQL they
 * are rethrown for formatGraphqlError. Anything else goes to Nest's default handling.
 */
@Catch()
export class DomainErrorFilter extends BaseExceptionFilter {
  override catch(caught: unknown, host: ArgumentsHost): unknown {
    const error = isServiceUnreachable(caught) ? serviceUnavailable() : caught;
    if (host.getType<string>() !== 'http') return error;
    if (!(error instanceof DomainError)) return super.catch(error, host);
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const status = httpStatusOf(error.kind);
    if (!req.complete) {
      // The body was refused before it was read: discard the rest without buffering it.
      res.setHeader('Connection', 'close');
      req.resume();
    }
    const retryAfter = error.details['retryAfterSeconds'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res
      .status(status)
      .json({ statusCode: status, code: error.kind, message: error.message, ...error.details });
    return undefined;
  }
}
