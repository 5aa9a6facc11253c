import type { ServiceStatus, StatusRequest } from '@pls/infrastructure';
import { ServicesProjected } from './gateway-host';

/** A command sender whose services answer status requests when the test lets them. */
class FakeSender {
  readonly serviceNames = ['directory', 'intake', 'legal-aid', 'mediation'];
  readonly asked: string[] = [];
  private readonly ended = new Map<string, number>();
  private readonly pending: { service: string; answer: () => void; fail: (error: Error) => void }[] = [];
  answerAtOnce = true;

  useCaseCallsEnded(service: string): number {
    return this.ended.get(service) ?? 0;
  }

  callEnded(service: string): void {
    this.ended.set(service, this.useCaseCallsEnded(service) + 1);
  }

  status(service: string, _request?: StatusRequest): Promise<ServiceStatus> {
    this.asked.push(service);
    const status = { service, headPosition: 10, relayedPosition: 10 } as ServiceStatus;
    if (this.answerAtOnce) return Promise.resolve(status);
    return new Promise((resolve, reject) => this.pending.push({ service, answer: () => resolve(status), fail: reject }));
  }

  answerAll(): void {
    for (const call of this.pending.splice(0)) call.answer();
  }

  failAll(): void {
    for (const call of this.pending.splice(0)) call.fail(new Error('unreachable'));
  }
}

describe('read-your-writes through the gateway', () => {
  it('given a gateway that never waited, when a resolver waits, then every service is asked', async () => {
    const sender = new FakeSender();

    await new ServicesProjected(sender).whenCaughtUp();

    expect(sender.asked.sort()).toEqual(['directory', 'intake', 'legal-aid', 'mediation']);
  });

  it('given a write to intake after the last wait, when a resolver waits, then only intake is asked', async () => {
    const sender = new FakeSender();
    const projected = new ServicesProjected(sender);
    await projected.whenCaughtUp();
    sender.asked.length = 0;

    sender.callEnded('intake');
    await projected.whenCaughtUp();

    expect(sender.asked).toEqual(['intake']);
  });

  it('given a write that ended while a wait was already asking, when the next resolver waits, then that service is asked again', async () => {
    const sender = new FakeSender();
    const projected = new ServicesProjected(sender);
    await projected.whenCaughtUp();
    sender.callEnded('intake');
    sender.answerAtOnce = false;
    const earlier = projected.whenCaughtUp();
    sender.callEnded('intake');
    sender.answerAll();
    await earlier;
    sender.asked.length = 0;

    sender.answerAtOnce = true;
    await projected.whenCaughtUp();

    expect(sender.asked).toEqual(['intake']);
  });

  it('given a wait whose status request failed, when the next resolver waits, then the service is asked again', async () => {
    const sender = new FakeSender();
    const projected = new ServicesProjected(sender);
    await projected.whenCaughtUp();
    sender.callEnded('legal-aid');
    sender.answerAtOnce = false;
    const failing = projected.whenCaughtUp();
    sender.failAll();
    await expect(failing).rejects.toThrow('unreachable');
    sender.asked.length = 0;

    sender.answerAtOnce = true;
    await projected.whenCaughtUp();

    expect(sender.asked).toEqual(['legal-aid']);
  });
});
