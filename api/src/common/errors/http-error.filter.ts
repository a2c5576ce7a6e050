import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type Request, type Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { domainErrorOfDatabase } from './database-errors';
import { closeAfterAnswer } from '../http/close-after-answer';
import { DomainError, httpStatusOf } from './domain-error';

const logger = new Logger('HTTP');

/**
 * Domain errors on REST endpoints become `{ code, message, ...details }` with the matching
 * status; so do database failures that have a meaning for the client (a database that cannot be
 * reached or a statement timeout is a 503), other database failures a bare 500 without
 * internals. In GraphQL they are rethrown for formatGraphqlError. Anything else goes to Nest's
 * default handling.
 */
@Catch()
export class DomainErrorFilter extends BaseExceptionFilter {
  override catch(thrown: unknown, host: ArgumentsHost): unknown {
    const error = thrown instanceof DomainError ? thrown : domainErrorOfDatabase(thrown);
    if (host.getType<string>() !== 'http') return error ?? thrown;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    if (!error) {
      if (!(thrown instanceof QueryFailedError)) return super.catch(thrown, host);
      logger.error(thrown.stack ?? thrown.message);
      res.status(500).json({ statusCode: 500, message: 'Internal server error' });
      return undefined;
    }
    const status = httpStatusOf(error.kind);
    // The body was refused before it was all read: answer, then discard the rest and close.
    if (!req.complete) closeAfterAnswer(req, res);
    const retryAfter = error.details['retryAfterSeconds'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res
      .status(status)
      .json({ statusCode: status, code: error.kind, message: error.message, ...error.details });
    return undefined;
  }
}
