import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type Request, type Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, httpStatusOf, refusedTextError } from './domain-error';

/**
 * Domain errors on REST endpoints become `{ code, message, ...details }` with the matching
 * status, and so do database errors that are the request's fault (text PostgreSQL cannot store);
 * other database errors get Nest's generic 500. In GraphQL they are rethrown for the GraphQL
 * error formatter, which maps them the same way.
 */
@Catch(DomainError, QueryFailedError)
export class DomainErrorFilter extends BaseExceptionFilter {
  override catch(error: DomainError | QueryFailedError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error;
    const domain = error instanceof DomainError ? error : refusedTextError(error);
    if (!domain) return super.catch(error, host);
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const status = httpStatusOf(domain.kind);
    if (!req.complete) {
      // The body was refused before it was read: discard the rest without buffering it.
      res.setHeader('Connection', 'close');
      req.resume();
    }
    const retryAfter = domain.details['retryAfterSeconds'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res
      .status(status)
      .json({ statusCode: status, code: domain.kind, message: domain.message, ...domain.details });
    return undefined;
  }
}
