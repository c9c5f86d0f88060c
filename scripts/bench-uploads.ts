/**
 * Upload memory benchmark (issue 10 item 4): starts the reference server as its own process, sends
 * 24 concurrent 10 MiB uploads (each from its own session) and prints the server's resident memory
 * before, at the peak during, and after. Uploads stream to the blob store, so the server's memory
 * should stay flat (within about +60 MB); before streaming it went 123 → 601 MB.
 *
 *   npm run bench:uploads [-- --uploads 24 --mib 10 --rounds 1]
 *
 * Linux only (reads /proc/<pid>/status). Not part of the test suite: a printed measurement.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServerProcess } from './bench/processes';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const uploads = Number(arg('uploads', '24'));
const mib = Number(arg('mib', '10'));
const rounds = Number(arg('rounds', '1'));
/** Every upload comes from 127.0.0.1: the per-address upload quotas are lifted (the per-session ones stay). */
const ONE_ADDRESS = { RATE_UPLOADS_PER_IP: '1000000/3600', RATE_UPLOAD_BYTES_PER_IP: '1000000000000/3600' };

/** Resident memory of a process, MB. */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function session(url: string): Promise<string> {
  const res = await fetch(`${url}/swp/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client: { sdk: 'bench', locale: 'en' } }),
  });
  if (!res.ok) throw new Error(`session: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { sessionToken: string }).sessionToken;
}

async function uploadOne(url: string, token: string, file: Blob): Promise<number> {
  const form = new FormData();
  form.append('file', file, 'scan.png');
  const res = await fetch(`${url}/swp/v1/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-uploads-'));
  const server = await startServerProcess('server', { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...ONE_ADDRESS }).catch(
    async (e: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw e;
    },
  );
  const pid = server.child.pid!;
  try {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const bytes = Buffer.alloc(mib * 1024 * 1024, 0x5a);
    png.copy(bytes);
    const file = new Blob([new Uint8Array(bytes)], { type: 'image/png' });
    const tokens = await Promise.all(Array.from({ length: uploads }, () => session(server.url)));
    await new Promise((r) => setTimeout(r, 500));
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
    const started = Date.now();
    const statuses: number[] = [];
    for (let r = 0; r < rounds; r++) statuses.push(...(await Promise.all(tokens.map((t) => uploadOne(server.url, t, file)))));
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    await new Promise((r) => setTimeout(r, 1000));
    const after = rssMb(pid);
    const ok = statuses.filter((s) => s === 201).length;
    console.log(
      `${uploads} concurrent uploads of ${mib} MiB × ${rounds} round(s): ${ok}/${statuses.length} stored (201) in ${seconds.toFixed(1)} s`,
    );
    if (ok !== statuses.length) console.log(`statuses: ${[...new Set(statuses)].join(', ')}`);
    console.log(
      `server RSS: before ${before.toFixed(0)} MB, peak during ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)}), after ${after.toFixed(0)} MB`,
    );
  } finally {
    server.stop();
    await new Promise((r) => server.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
