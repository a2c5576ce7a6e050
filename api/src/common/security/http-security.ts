import { type INestApplication } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { type AppConfig } from '../../config/env';

/**
 * The Content-Security-Policy of everything we serve, the Angular client included: scripts
 * only from our origin (no inline script, no inline handlers, no eval; the client is built with
 * `inlineCritical: false`, so its stylesheet needs no `onload` handler); styles from our origin
 * plus inline `<style>` (Angular adds component styles at run time); data only to our origin
 * (GraphQL over HTTP and graphql-ws). No framing, no plugins.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  // Not upgrade-insecure-requests: the embedded default is plain http on a LAN address.
  upgradeInsecureRequests: null,
};

/** GraphiQL (served at GET /graphql when introspection is on) loads React and itself from unpkg. */
const GRAPHIQL_DIRECTIVES = {
  ...CSP_DIRECTIVES,
  scriptSrc: ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
  styleSrc: ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
  fontSrc: ["'self'", 'data:', 'https://unpkg.com'],
  imgSrc: ["'self'", 'data:', 'https://unpkg.com', 'https://raw.githubusercontent.com'],
};

function headers(directives: typeof CSP_DIRECTIVES, production: boolean) {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Cross-origin isolation would block nothing we load but buys nothing either.
    crossOriginEmbedderPolicy: false,
    // Sent only in production, where the service sits behind https (browsers ignore it on http).
    strictTransportSecurity: production ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * Security headers on every response, strict CORS and the proxy setting. Registered before
 * any route, so it covers the client, GraphQL, REST and health alike.
 */
export function applyHttpSecurity(app: INestApplication, config: AppConfig): void {
  const production = config.env === 'production';
  const strict = headers(CSP_DIRECTIVES, production);
  const graphiql = config.graphql.introspection ? headers(GRAPHIQL_DIRECTIVES, production) : null;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isGraphiql =
      graphiql && req.method === 'GET' && /^\/graphql\/?$/.test(req.path) && req.accepts('html');
    return (isGraphiql ? graphiql : strict)(req, res, next);
  });
  const express = app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
  // Per-IP rate limits need the real client address; only trust X-Forwarded-For from known proxies.
  express.set('trust proxy', config.web.trustProxy);
  // Same origin only unless CORS_ORIGINS lists others: no CORS headers at all by default.
  if (config.web.corsOrigins.length) {
    app.enableCors({
      origin: config.web.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'apollo-require-preflight',
        'x-apollo-operation-name',
      ],
      exposedHeaders: ['retry-after'],
      credentials: false,
      maxAge: 600,
    });
  }
}
