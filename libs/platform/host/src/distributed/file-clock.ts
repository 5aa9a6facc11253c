import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '@pls/shared-kernel';

/**
 * Tests of the distributed mode move time in every process at once: each process reads "now" from
 * one small file the test rewrites (atomically, by rename). Never used outside tests — loading the
 * configuration refuses it in production.
 */
export class FileClock implements Clock {
  constructor(private readonly file: string) {}

  now(): Date {
    const text = readFileSync(this.file, 'utf8').trim();
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) throw new Error(`the test clock file ${this.file} does not hold an instant: ${JSON.stringify(text)}`);
    return instant;
  }

  static write(file: string, instant: Date): void {
    writeFileSync(`${file}.next`, instant.toISOString());
    renameSync(`${file}.next`, file);
  }
}
