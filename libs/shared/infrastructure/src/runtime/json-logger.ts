import type { Logger } from '@pls/event-sourcing';

type Level = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout: what log shippers (Loki, ELK, Kafka Connect) ingest without
 * parsing rules. `PLS_LOG_LEVEL` sets the threshold; `PLS_LOG_FORMAT=pretty` gives readable lines.
 */
export class JsonLogger implements Logger {
  private readonly threshold: number;
  constructor(
    private readonly options: { service: string; level?: Level; pretty?: boolean; write?: (line: string) => void } = { service: 'pls' },
  ) {
    this.threshold = rank[options.level ?? 'info'];
  }
  debug(message: string, context?: Record<string, unknown>): void {
    this.log('debug', message, context);
  }
  info(message: string, context?: Record<string, unknown>): void {
    this.log('info', message, context);
  }
  warn(message: string, context?: Record<string, unknown>): void {
    this.log('warn', message, context);
  }
  error(message: string, context?: Record<string, unknown>): void {
    this.log('error', message, context);
  }
  private log(level: Level, message: string, context?: Record<string, unknown>): void {
    if (rank[level] < this.threshold) return;
    const write = this.options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    if (this.options.pretty) {
      write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${this.options.service}] ${message}${context ? ` ${JSON.stringify(context)}` : ''}`);
      return;
    }
    write(JSON.stringify({ time: new Date().toISOString(), level, service: this.options.service, msg: message, ...context }));
  }
}
