import { Agent, request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { FAMILIES, generate, type Family, type FuzzInput } from './inputs';

export interface Finding {
  family: Family;
  method: string;
  path: string;
  status: number;
  kind: '5xx' | 'echo' | 'no answer';
  /** The start of the answer body, to see what went wrong. */
  answer: string;
}

export interface FuzzReport {
  seed: number;
  perFamily: Record<Family, number>;
  statuses: Record<string, number>;
  serverErrors: number;
  echoes: number;
  findings: Finding[];
  millis: number;
}

interface Answer {
  status: number;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function send(base: URL, key: string, input: FuzzInput): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...input.headers };
    if (input.body) headers['content-length'] = String(input.body.length);
    const req = request({ host: base.hostname, port: base.port, method: input.method, path: input.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      // An event stream never ends: its first chunk is the answer.
      const streaming = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (streaming) res.destroy();
      });
      const done = () => resolve({ status: res.statusCode ?? 0, text: `${JSON.stringify(res.headers)}\n${Buffer.concat(chunks).toString('utf8')}` });
      res.on('end', done);
      res.on('close', done);
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(input.body);
  });
}

/**
 * Sends `perFamily` seeded inputs of every family to a running API and counts 5xx answers and
 * error answers that contain the input's sentinel. The headers family runs last: its wrong keys
 * trip the failed-authentication limit for this client.
 */
export async function runFuzz(
  baseUrl: string,
  key: string,
  seed: number,
  perFamily: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FuzzReport> {
  const started = Date.now();
  const base = new URL(baseUrl);
  const report: FuzzReport = { seed, perFamily: {} as Record<Family, number>, statuses: {}, serverErrors: 0, echoes: 0, findings: [], millis: 0 };
  let done = 0;
  for (const family of FAMILIES) {
    report.perFamily[family] = 0;
    for (const input of generate(family, seed, perFamily)) {
      const answer = await send(base, key, input);
      report.perFamily[family]++;
      report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
      const finding = {
        family,
        method: input.method,
        path: input.path.slice(0, 200),
        status: answer.status,
        answer: answer.text.slice(answer.text.indexOf('\n') + 1).slice(0, 400),
      };
      if (answer.status >= 500 || answer.status === 0) {
        report.serverErrors++;
        report.findings.push({ ...finding, kind: answer.status ? '5xx' : 'no answer' });
      }
      // A 2xx may return what the request stored (a published policy's version); an error never may.
      if (answer.status >= 400 && answer.text.toLowerCase().includes(input.sentinel)) {
        report.echoes++;
        report.findings.push({ ...finding, kind: 'echo' });
      }
      onProgress?.(++done, perFamily * FAMILIES.length);
    }
  }
  report.millis = Date.now() - started;
  return report;
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

/** `npm run fuzz [-- --seed N --count N]`: the real app on temp files, listening on loopback. */
async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const seed = arg('seed', 20261205);
  const total = arg('count', 10_000);
  const perFamily = Math.ceil(total / FAMILIES.length);
  const { startApi, TEST_ADMIN_KEY } = await import('../support/api-harness');
  const api = await startApi();
  await api.app.listen(0, '127.0.0.1');
  const address = api.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const report = await runFuzz(`http://127.0.0.1:${port}`, TEST_ADMIN_KEY, seed, perFamily, (d, t) => {
    if (d % 500 === 0 || d === t) process.stderr.write(`fuzz: ${d}/${t}\n`);
  });
  agent.destroy();
  await api.close();
  process.stdout.write(
    `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...report, findings: report.findings.slice(0, 50) }, null, 2)}\n`,
  );
  process.exitCode = report.serverErrors || report.echoes ? 1 : 0;
}

if (require.main === module) void main();
