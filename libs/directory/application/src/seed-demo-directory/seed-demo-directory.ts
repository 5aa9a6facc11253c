import { Inject, Injectable } from '@nestjs/common';
import { type DirectorySeedCommand, demoDirectoryCommands, demoUserId, formatDemoLogins, staffMemberStreamId } from '@pls/directory-domain';
import { EVENT_STORE, type EventStore, LOGGER, type Logger } from '@pls/event-sourcing';
import { DirectoryCommandHandlers } from '../directory-command-handlers';

export interface SeedOutcome {
  readonly commands: number;
  /** Commands that appended events; 0 when every command had been handled before. */
  readonly applied: number;
}

const SIGN_IN_HINT = 'sign in as one of them: mutation { demoSignIn(username: "lz.clerk.centre") { token expiresAt } }, then send Authorization: Bearer <token>';

/**
 * The 四川省 demo directory (乐至县, 五通桥区…) for a first start. It runs only on a store without
 * directory events, so a real directory is never mixed with demo data; sending it twice would be
 * harmless anyway, since every seed command has a deterministic command id.
 */
@Injectable()
export class SeedDemoDirectory {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async hasDirectoryEvents(): Promise<boolean> {
    const [first] = await this.store.readAll({ filter: { streamPrefixes: ['directory.'] }, maxCount: 1 });
    return first !== undefined;
  }

  /** Sends every seed command; stops at the first refusal, which would be a bug in the seed. */
  async seed(): Promise<SeedOutcome> {
    const commands = demoDirectoryCommands();
    let applied = 0;
    for (const seed of commands) {
      const result = await this.send(seed);
      if (result.events.length > 0 && !result.idempotentReplay) applied++;
    }
    return { commands: commands.length, applied };
  }

  /** The startup task: seed an empty directory, then show the demo logins whenever the demo directory is there. */
  async run(): Promise<void> {
    if (!(await this.hasDirectoryEvents())) {
      const started = Date.now();
      const outcome = await this.seed();
      this.logger.info('demo directory seeded', { ...outcome, ms: Date.now() - started });
    }
    const demoAdmin = await this.store.readStream(staffMemberStreamId(demoUserId('sc.admin')), { maxCount: 1 });
    if (demoAdmin.length > 0) this.logger.info(`demo logins (${SIGN_IN_HINT}):\n${formatDemoLogins()}`);
  }

  private send(seed: DirectorySeedCommand) {
    switch (seed.aggregate) {
      case 'region':
        return this.handlers.regions.handle(seed.streamId, seed.command);
      case 'organisation':
        return this.handlers.organisations.handle(seed.streamId, seed.command);
      case 'staff-member':
        return this.handlers.staff.handle(seed.streamId, seed.command);
      default: {
        const unknown: never = seed;
        throw new TypeError(`Unhandled seed command: ${JSON.stringify(unknown)}`);
      }
    }
  }
}
