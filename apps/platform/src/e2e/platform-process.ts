import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

/** The platform started exactly as a user starts it (`npm start` → tools/bootstrap.mjs), on a free port. */
export class PlatformProcess {
  private output = '';
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(dataDir: string, env: Record<string, string> = {}): Promise<PlatformProcess> {
    const child = spawn(process.execPath, [path.join(root, 'tools/bootstrap.mjs'), 'start'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PLS_DATA_DIR: dataDir, PLS_LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+\/graphql)/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => reject(new Error(`platform exited before listening (code ${code}, signal ${signal}):\n${output}`)));
    });
    const platform = new PlatformProcess(child, url);
    platform.output = output;
    child.stdout!.on('data', (chunk: Buffer) => (platform.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (platform.output += chunk.toString()));
    return platform;
  }

  get log(): string {
    return this.output;
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as never;
  }

  /** Sends a signal (Ctrl-C is SIGINT) and resolves with how the process ended. */
  stop(signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        resolve({ code: this.child.exitCode, signal: this.child.signalCode });
        return;
      }
      this.child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
      this.child.kill(signal);
    });
  }
}
