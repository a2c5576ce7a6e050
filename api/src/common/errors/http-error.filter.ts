import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { DomainError, httpStatusOf } from './domain-error';

/**
 * Domain errors on REST endpoints become `{ code, message, ...details }` with the matching
 * status. In GraphQL they are rethrown for the GraphQL error formatter.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error;
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
