import { connect, type Socket } from 'node:net';

/**
 * A keep-alive HTTP/1.1 client on raw sockets, one request in flight per connection, the way
 * autocannon drives a server. Node's fetch costs several times more CPU per request than this, and
 * on a 2-core machine the load generator's CPU is taken from the server it measures: a heavy client
 * would flatten the very ratios the benchmark is for.
 */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

interface Pending {
  readonly resolve: (response: HttpResponse) => void;
  readonly reject: (error: Error) => void;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

export class HttpConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  private closed: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly authority: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  static open(host: string, port: number): Promise<HttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new HttpConnection(socket, `${host}:${port}`));
      });
      socket.once('error', reject);
    });
  }

  /** A whole request, headers and body, ready to write; build it once when the body never changes. */
  encode(path: string, body: string, headers: Readonly<Record<string, string>> = {}): Buffer {
    const payload = Buffer.from(body, 'utf8');
    const extra = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const head = `POST ${path} HTTP/1.1\r\nhost: ${this.authority}\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\n${extra}connection: keep-alive\r\n\r\n`;
    return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
  }

  send(request: Buffer): Promise<HttpResponse> {
    if (this.closed) return Promise.reject(this.closed);
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  post(path: string, body: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpResponse> {
    return this.send(this.encode(path, body, headers));
  }

  close(): void {
    this.closed ??= new Error('connection closed by the client');
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.closed ??= error;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const parsed = parseResponse(this.buffer);
    if (!parsed) return;
    this.buffer = this.buffer.subarray(parsed.consumed);
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(parsed.response);
  }
}

/** One complete response at the start of `buffer`, or null while more bytes are needed. */
export function parseResponse(buffer: Buffer): { response: HttpResponse; consumed: number } | null {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const head = buffer.toString('latin1', 0, headerEnd);
  const lines = head.split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  let contentLength = -1;
  let chunked = false;
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    const name = lines[i].slice(0, colon).trim().toLowerCase();
    const value = lines[i].slice(colon + 1).trim();
    if (name === 'content-length') contentLength = Number(value);
    else if (name === 'transfer-encoding' && value.toLowerCase().includes('chunked')) chunked = true;
  }
  const bodyStart = headerEnd + HEADER_END.length;
  if (!chunked) {
    const length = Math.max(contentLength, 0);
    if (buffer.length < bodyStart + length) return null;
    return { response: { status, body: buffer.toString('utf8', bodyStart, bodyStart + length) }, consumed: bodyStart + length };
  }
  const parts: Buffer[] = [];
  let at = bodyStart;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, at);
    if (lineEnd < 0) return null;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    const dataStart = lineEnd + CRLF.length;
    if (buffer.length < dataStart + size + CRLF.length) return null;
    if (size === 0) return { response: { status, body: Buffer.concat(parts).toString('utf8') }, consumed: dataStart + CRLF.length };
    parts.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + CRLF.length;
  }
}

export interface FixedLoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latenciesMs: number[];
  /** CPU the load generator itself used, in cores (1.0 = one core busy for the whole run). */
  readonly generatorCores: number;
  readonly firstError: string | null;
}

/**
 * `connections` keep-alive connections each sending the same request back to back for `seconds`
 * (after a warm-up that is not counted). A response is an error when its status is not 200 or its
 * body carries GraphQL `errors`.
 */
export async function fixedLoad(options: {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}): Promise<FixedLoadResult> {
  const connections = await Promise.all(Array.from({ length: options.connections }, () => HttpConnection.open(options.host, options.port)));
  try {
    const request = connections[0].encode(options.path, options.body, options.headers);
    const run = async (seconds: number, record: boolean) => {
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | null = null;
      const deadline = performance.now() + seconds * 1000;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        connections.map(async (connection) => {
          while (performance.now() < deadline) {
            const sent = performance.now();
            const response = await connection.send(request);
            if (record) latencies.push(performance.now() - sent);
            if (response.status !== 200 || response.body.includes('"errors"')) {
              errors++;
              firstError ??= `${response.status} ${response.body.slice(0, 300)}`;
            }
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      return { latencies, errors, elapsed, cores: (used.user + used.system) / 1e6 / elapsed, firstError };
    };
    await run(options.warmupSeconds, false);
    const measured = await run(options.seconds, true);
    return {
      requests: measured.latencies.length,
      errors: measured.errors,
      seconds: measured.elapsed,
      requestsPerSecond: measured.latencies.length / measured.elapsed,
      latenciesMs: measured.latencies,
      generatorCores: measured.cores,
      firstError: measured.firstError,
    };
  } finally {
    for (const connection of connections) connection.close();
  }
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles in milliseconds. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1], mean: sum / sorted.length };
}
