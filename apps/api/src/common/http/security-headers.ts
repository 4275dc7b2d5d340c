import type { NextFunction, Request, Response } from 'express';

/**
 * Content-Security-Policy of the pages (the web app, /api/docs, the queue dashboard). Scripts only
 * from the platform's own files: the built app has no inline script (apps/web/index.html, Vite's
 * output) and evaluates no strings. Styles also allow 'unsafe-inline', because antd writes its styles
 * into <style> elements at run time (CSS-in-JS) and Swagger UI and bull-board ship inline <style>
 * blocks: without it the pages lose their styles (checked in Chromium, see tests/e2e/csp.spec.ts).
 * Images and fonts may be data:/blob: URLs (antd's icons, generated previews).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The API's JSON (and file) answers load nothing and may not be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Pages served under /api/v1: the queue dashboard (bull-board). */
const API_PAGES = /^\/api\/v1\/admin\/queues(\/|$)/;

/** Conservative security headers for the API and the web app. */
export function securityHeadersMiddleware(req: Request, res: Response, next: NextFunction) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Content-Security-Policy', req.path.startsWith('/api/v1/') && !API_PAGES.test(req.path) ? API_CSP : PAGE_CSP);
  next();
}
