import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readEnv, type Env } from '@ashiato/config';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withContractSchemas } from './openapi/contract-schemas';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { DemoKeyRing } from './auth/demo-keys.controller';
import { QuietStartupLogger } from './config/quiet-startup-logger';
import { APP_CONFIG, loadConfig, type AppConfig } from '@ashiato/server-config';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { installBodyParsers } from './http/body-parsers';
import { installQueryGuards } from './http/query-guards';

/**
 * Builds the configured API without listening: tests call it with temp files, `ashiato serve` and
 * main.ts then call `listen`. Configuration comes from the parsed environment (this process's unless
 * given), overridden by `overrides`; an invalid configuration (e.g. no ASHIATO_HMAC_KEY outside demo
 * mode) throws ConfigError. The app injects it as APP_CONFIG.
 */
export async function createApp(overrides: Partial<AppConfig> = {}, env: Env = readEnv()): Promise<NestExpressApplication> {
  const config = loadConfig(env, overrides);
  const server = express();
  // `/V1/keys` must not reach `/v1/keys`, nor `/v1/flows/` reach `/v1/flows`: one spelling per route.
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  server.disable('x-powered-by');
  server.use(securityHeaders());
  installQueryGuards(server);
  installBodyParsers(server, config.maxBodyBytes);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(server), { bodyParser: false, bufferLogs: true });
  app.useLogger(new QuietStartupLogger(app.get(Logger), config.logLevel));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  if (config.hmacKeyGenerated) {
    app
      .get(Logger)
      .warn(
        'ASHIATO_DEMO=1 without ASHIATO_HMAC_KEY: the store is in memory, so the HMAC key is random for this process only; subject refs derived from identifiers will differ after a restart',
      );
  }
  setUpSwagger(app);
  const dashboard = dashboardDir(config);
  if (dashboard) app.useStaticAssets(dashboard, { index: ['index.html'] });
  await app.init();
  return app;
}

/** `createApp` + `listen`; resolves to the app with its bound port. */
export async function bootstrap(overrides: Partial<AppConfig> = {}, env: Env = readEnv()): Promise<{ app: NestExpressApplication; port: number }> {
  const app = await createApp(overrides, env);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const banner = app.get(DemoKeyRing).banner;
  if (banner.length) {
    // Demo mode: the banner alone says where the server listens, straight to stdout, after the log lines.
    process.stdout.write(['', `Ashiato demo listening: dashboard at ${url}/  (OpenAPI at ${url}/docs)`, ...banner, ''].join('\n') + '\n');
  } else {
    app.get(Logger).log(`Ashiato API listening on ${url} (OpenAPI at /docs)`);
  }
  return { app, port };
}

/**
 * helmet's headers with a Content-Security-Policy the dashboard and OpenAPI pages work under: scripts,
 * fonts, styles and connections only from this origin (styles may be inline: the charts and the
 * OpenAPI page set them), images also as data: URLs (the icon), no framing by any page
 * (`frame-ancestors 'none'`, X-Frame-Options DENY), `nosniff`. No upgrade to https: the server speaks
 * plain HTTP on loopback unless a TLS proxy fronts it.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
}

function setUpSwagger(app: NestExpressApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Ashiato')
    .setDescription('Event-sourced lineage tracker for personal data: who holds which item of which person, and whether each flow matched the policy in force.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => withContractSchemas(SwaggerModule.createDocument(app, doc)));
}

function dashboardDir(config: AppConfig): string | undefined {
  const candidates = [resolve(config.dashboardDir), join(__dirname, '..', '..', '..', 'dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
