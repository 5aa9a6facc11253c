import { Inject } from '@nestjs/common';
import { Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '@pls/event-sourcing';
import { Public } from './auth/auth.guard';

export const PLATFORM_INFO = Symbol.for('pls.PlatformInfo');

export interface PlatformInfo {
  readonly version: string;
  readonly mode: 'embedded' | 'distributed';
  readonly startedAt: Date;
  /** Components that must be up for the platform to serve: name → probe. */
  readonly probes: Readonly<Record<string, () => Promise<string>>>;
}

@ObjectType({ description: 'One component the platform depends on and how it answered its probe.' })
export class ComponentHealth {
  @Field() name!: string;
  @Field({ description: '`up`, or `down` with the reason in `detail`.' }) status!: string;
  @Field({ nullable: true }) detail?: string;
}

@ObjectType()
export class Health {
  @Field({ description: '`ok` when every component is up.' }) status!: string;
  @Field(() => Float) uptimeSeconds!: number;
  @Field(() => Int, { description: 'Global position of the newest event in the event store.' }) eventStorePosition!: number;
  @Field(() => [ComponentHealth]) components!: ComponentHealth[];
}

@ObjectType()
export class VersionInfo {
  @Field() version!: string;
  @Field({ description: '`embedded` (one process, SQLite, in-process bus) or `distributed`.' }) mode!: string;
  @Field() node!: string;
  @Field() startedAt!: string;
}

@Resolver()
export class SystemResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_INFO) private readonly info: PlatformInfo,
  ) {}

  @Public()
  @Query(() => VersionInfo, { description: 'Which build is answering.' })
  version(): VersionInfo {
    return { version: this.info.version, mode: this.info.mode, node: process.versions.node, startedAt: this.info.startedAt.toISOString() };
  }

  @Public()
  @Query(() => Health, { description: 'Liveness and readiness of the platform and its components.' })
  async health(): Promise<Health> {
    const components: ComponentHealth[] = [];
    for (const [name, probe] of Object.entries(this.info.probes)) {
      try {
        components.push({ name, status: 'up', detail: await probe() });
      } catch (error) {
        components.push({ name, status: 'down', detail: error instanceof Error ? error.message : String(error) });
      }
    }
    return {
      status: components.every((component) => component.status === 'up') ? 'ok' : 'degraded',
      uptimeSeconds: (Date.now() - this.info.startedAt.getTime()) / 1000,
      eventStorePosition: await this.store.headPosition(),
      components,
    };
  }
}
