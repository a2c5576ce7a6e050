import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { closeAfterAnswer } from '../http/close-after-answer';
import { DomainError, httpStatusOf } from './domain-error';

/**
 * Domain errors on REST endpoints become `{ code, message, ...details }` with the matching
 * status. In GraphQL they are rethrown for formatGraphqlError.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
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
