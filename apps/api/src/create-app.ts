import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConfig, type AppConfig } from './config/app-config';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { installBodyParsers } from './http/body-parsers';

/**
 * Builds the configured API without listening: tests call it with temp files, `ashiato serve` and
 * main.ts then call `listen`. Configuration comes from the environment, overridden by `overrides`;
 * an invalid configuration (e.g. no ASHIATO_HMAC_KEY outside demo mode) throws ConfigError.
 */
export async function createApp(overrides: Partial<AppConfig> = {}, env: NodeJS.ProcessEnv = process.env): Promise<NestExpressApplication> {
  const config = loadConfig(env, overrides);
  const server = express();
  installBodyParsers(server, config.maxBodyBytes);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(server), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  if (config.hmacKeyGenerated) {
    app.get(Logger).warn('ASHIATO_DEMO=1 without ASHIATO_HMAC_KEY: using a random HMAC key for this process only; subject refs derived from identifiers will differ after a restart');
  }
  setUpSwagger(app);
  const dashboard = dashboardDir(config);
  if (dashboard) app.useStaticAssets(dashboard, { index: ['index.html'] });
  await app.init();
  return app;
}

/** `createApp` + `listen`; resolves to the app with its bound port. */
export async function bootstrap(overrides: Partial<AppConfig> = {}): Promise<{ app: NestExpressApplication; port: number }> {
  const config = loadConfig(process.env, overrides);
  const app = await createApp(overrides);
  await app.listen(config.port, '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.get(Logger).log(`Ashiato API listening on http://localhost:${port} (OpenAPI at /docs)`);
  return { app, port };
}

function setUpSwagger(app: NestExpressApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Ashiato')
    .setDescription('Event-sourced lineage tracker for personal data: who holds which item of which person, and whether each flow matched the policy in force.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
}

function dashboardDir(config: AppConfig): string | undefined {
  const candidates = [resolve(config.dashboardDir), join(__dirname, '..', '..', '..', 'dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
