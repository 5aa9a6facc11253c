import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LOGGER, type Logger } from '@pls/event-sourcing';
import { isPlsError, type ErrorCategory } from '@pls/shared-kernel';
import { redactPersonalData } from './graphql-errors';

const HTTP_STATUS: Record<ErrorCategory, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  INTERNAL: 500,
};

interface HttpReply {
  status(code: number): HttpReply;
  type(contentType: string): HttpReply;
  send(body: string): unknown;
}

// A route may have declared another content type (the progress page's HTML) before it refused.
const answer = (response: HttpReply, status: number, body: unknown): void => {
  response.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
};

/**
 * A refusal is an answer, not a fault: it goes back to the caller (GraphQL formats it with its
 * code) without an error log line. Anything else is logged once, with the stack, and reaches the
 * client only as a generic internal error.
 */
@Catch()
export class PlsErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const refusal = isPlsError(exception);
    if (!refusal && !(exception instanceof HttpException)) {
      // An unexpected error's message may quote input: ID numbers and phones are masked before logging.
      const message = redactPersonalData(exception instanceof Error ? exception.message : String(exception));
      const stack = exception instanceof Error && exception.stack ? redactPersonalData(exception.stack) : undefined;
      this.logger.error('unexpected error', { error: message, stack });
    }
    if (host.getType<string>() === 'graphql') return exception;
    const response = host.switchToHttp().getResponse<HttpReply>();
    if (refusal) {
      answer(response, HTTP_STATUS[exception.category], { code: exception.category, reason: exception.code, message: exception.message });
    } else if (exception instanceof HttpException) {
      answer(response, exception.getStatus(), { code: exception.getStatus() === 404 ? 'NOT_FOUND' : 'BAD_USER_INPUT', message: exception.message });
    } else {
      answer(response, 500, { code: 'INTERNAL', message: 'Internal error' });
    }
    return undefined;
  }
}
