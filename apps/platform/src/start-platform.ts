import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { RuntimeAdapters } from '@pls/infrastructure';
import type { PlatformConfig } from './config';
import { PlatformModule } from './platform.module';
import { createHttpAdapter } from './http-edge';

export async function startPlatform(config: PlatformConfig, overrides: { adapters?: () => Promise<RuntimeAdapters> } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(PlatformModule.embedded(config, overrides), createHttpAdapter(config), {
    logger: config.logLevel === 'debug' ? ['log', 'warn', 'error', 'debug'] : ['warn', 'error'],
    bodyParser: false,
    rawBody: false,
  });
  // SIGINT/SIGTERM run the shutdown hooks: the relay stops, consumers finish, SQLite closes.
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  return app;
}
