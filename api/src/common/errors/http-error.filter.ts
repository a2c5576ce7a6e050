import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { domainErrorOfDatabase } from './database-errors';
import { DomainError, httpStatusOf } from './domain-error';

const logger = new Logger('HTTP');

/**
 * Domain errors on REST endpoints become `{ code, message, ...details }` with the matching
 * status; so do database failures that have a meaning for the client (a statement timeout is a
 * 503), other database failures a bare 500. In GraphQL they are rethrown for formatGraphqlError.
 */
@Catch(DomainError, QueryFailedError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(thrown: DomainError | QueryFailedError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return thrown;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const error = thrown instanceof DomainError ? thrown : domainErrorOfDatabase(thrown);
    if (!error) {
      logger.error(thrown.stack ?? thrown.message);
      res.status(500).json({ statusCode: 500, message: 'Internal server error' });
      return undefined;
    }
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
