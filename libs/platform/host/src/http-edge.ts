import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PlatformConfig } from './platform-config';

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

/**
 * The HTTP edge before GraphQL: a JSON body limit (create the app with `bodyParser: false`), and
 * body-parser failures answered as GraphQL-shaped JSON with a code instead of an HTML page.
 */
export function configureHttpEdge(app: INestApplication, config: Pick<PlatformConfig, 'bodyLimit'>): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: config.bodyLimit });
  express.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  express.use((error: BodyParserError, _request: unknown, response: { headersSent: boolean; status(code: number): { json(body: unknown): void } }, next: (error?: unknown) => void) => {
    if (response.headersSent || !error || typeof error !== 'object' || typeof error.type !== 'string') return next(error);
    if (error.type === 'entity.too.large') {
      response.status(413).json({ errors: [{ message: `the request body is larger than ${config.bodyLimit}`, extensions: { code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE' } }] });
    } else {
      response.status(400).json({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT', reason: 'MALFORMED_BODY' } }] });
    }
  });
}
