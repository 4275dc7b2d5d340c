import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AccessTokenVerifier } from './common/auth/access-token-verifier';
import { AllExceptionsFilter, bodyParserErrorHandler } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation';
import { createBodyParsers } from './common/http/body-limits';
import { securityHeadersMiddleware } from './common/http/security-headers';
import { IdempotencyInterceptor } from './common/http/idempotency.interceptor';
import { requestContextMiddleware } from './common/http/request-context';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { createLogger, quietStartup, type LogLevel } from './common/logging/logger';
import { InputSafetyPipe, inputSafetyMiddleware } from './common/validation/input-safety';
import { AppConfig } from './config';
import { Infrastructure, startInfrastructure } from './infrastructure';
import { type SetupReport, SetupService } from './setup';

export const API_PREFIX = 'api/v1';

export interface Platform {
  app: NestExpressApplication;
  infra: Infrastructure;
  setup: SetupReport;
  /** Stops the app, then the embedded engines. */
  close(): Promise<void>;
}

function buildOpenApi(app: INestApplication) {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('湛江绿色金融对接平台 API')
      .setDescription(
        '所有接口位于 /api/v1。每个接口的 x-roles 说明可调用的角色（PUBLIC 为公开，ANY_AUTHENTICATED 为任意已登录用户）。' +
          '错误统一返回 { "error": { "code", "message", "details", "requestId" } }。金额单位为万元，以字符串表示的十进制数。',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
}

/** Serves the built web app, with every non-API GET answered by index.html (client-side routes). */
function serveWeb(app: NestExpressApplication, dir: string) {
  if (!dir || !existsSync(path.join(dir, 'index.html'))) return false;
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  const index = path.join(dir, 'index.html');
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

/** Configures an HTTP app the same way for `npm start` and for the tests. */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig) {
  app.use(requestContextMiddleware);
  app.use(securityHeadersMiddleware);
  // Bodies: a small limit per route (large only where a route needs it, for a signed-in caller), then
  // one check of every parsed value (nesting depth, NUL bytes, lone surrogates) before any Nest code.
  const verifier = app.get(AccessTokenVerifier, { strict: false });
  app.use(
    createBodyParsers({
      isSignedIn: async (req) => {
        const header = req.header('authorization');
        const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
        return !!token && (await verifier.verify(token).then(() => true, () => false));
      },
    }),
  );
  app.use(bodyParserErrorHandler);
  app.use(inputSafetyMiddleware);
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'api/docs', method: RequestMethod.ALL }] });
  app.useGlobalPipes(new InputSafetyPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // A POST with an Idempotency-Key answers its first result when retried (common/http/idempotency.interceptor.ts).
  app.useGlobalInterceptors(new IdempotencyInterceptor(app.get(DataSource)));
  buildOpenApi(app);
  serveWeb(app, config.WEB_DIST_DIR);
}

/**
 * Starts the engines, the Nest application (API and/or worker), migrations and start-up data.
 * Used by main.ts, worker.ts and the tests alike.
 */
export async function createPlatform(config: AppConfig, opts: { api: boolean; worker: boolean; logLevel?: LogLevel | false; logTo?: DestinationStream }): Promise<Platform> {
  const infra = await startInfrastructure(config);
  let app: NestExpressApplication | undefined;
  try {
    const logger = createLogger(opts.logLevel === false ? 'silent' : (opts.logLevel ?? config.LOG_LEVEL), opts.logTo);
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, infra, { ...opts, logger }), {
      bufferLogs: true,
      bodyParser: false,
      abortOnError: false,
    });
    app.useLogger(quietStartup(app.get(Logger)));
    if (opts.api) configureHttpApp(app, config);
    const setup = opts.api ? await app.get(SetupService).run() : { demoLogins: [] };
    const created = app;
    return {
      app: created,
      infra,
      setup,
      async close() {
        await created.close();
        await infra.stop();
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await infra.stop();
    throw e;
  }
}
