import { parseResponse, percentiles } from './http-load';

describe('the load generator\'s HTTP reader', () => {
  it('reads a response with a content length and leaves the next one in the buffer', () => {
    const first = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 11\r\n\r\n{"data":{}}';
    const parsed = parseResponse(Buffer.from(`${first}HTTP/1.1 200 OK\r\n`));
    expect(parsed?.response).toEqual({ status: 200, body: '{"data":{}}' });
    expect(parsed?.consumed).toBe(Buffer.byteLength(first));
  });

  it('waits for the rest of a body that has not fully arrived', () => {
    expect(parseResponse(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 20\r\n\r\n{"data"'))).toBeNull();
    expect(parseResponse(Buffer.from('HTTP/1.1 200 OK\r\ncontent-len'))).toBeNull();
  });

  it('joins a chunked body, multi-byte characters split across chunks included', () => {
    const text = Buffer.from('{"ok":"法援"}');
    const a = text.subarray(0, 9);
    const b = text.subarray(9);
    const raw = Buffer.concat([
      Buffer.from(`HTTP/1.1 400 Bad Request\r\ntransfer-encoding: chunked\r\n\r\n${a.length.toString(16)}\r\n`),
      a,
      Buffer.from(`\r\n${b.length.toString(16)}\r\n`),
      b,
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    expect(parseResponse(raw)?.response).toEqual({ status: 400, body: '{"ok":"法援"}' });
    expect(parseResponse(raw.subarray(0, raw.length - 3))).toBeNull();
  });
});

describe('percentiles', () => {
  it('gives nearest-rank percentiles of 1…100', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('says nothing was measured rather than inventing a figure', () => {
    expect(percentiles([]).count).toBe(0);
    expect(percentiles([]).p99).toBeNaN();
  });
});
