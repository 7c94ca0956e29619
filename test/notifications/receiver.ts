import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP receiver on 127.0.0.1 for webhook tests: answers 500 for the first `failures` requests, then 200,
// and keeps every request it saw.

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

/** A running receiver. */
export interface Receiver {
  url: string;
  seen: Received[];
  close(): Promise<void>;
}

/** Starts a receiver that fails the first `failures` deliveries. */
export async function startReceiver(failures: number): Promise<Receiver> {
  const seen: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = seen.length < failures ? 500 : 200;
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/orderly`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
