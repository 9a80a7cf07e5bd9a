// Starts and stops the danvan server under test. Every child started here is
// remembered and killed on exit, whatever happens (hooks, signals, crashes).

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const children = new Set();

function killAllNow() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    killAllNow();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  });
}

/**
 * A tiny shell that outlives us: should this process be killed with
 * SIGKILL (no exit handler runs), it stops the server. It exits by itself
 * as soon as either process is gone.
 */
function watchdog(serverPid) {
  const script =
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'kill -0 "$2" 2>/dev/null || exit 0; kill -TERM "$2"; ' +
    'for i in 1 2 3 4 5; do sleep 1; kill -0 "$2" 2>/dev/null || exit 0; done; kill -KILL "$2" 2>/dev/null';
  const w = spawn('sh', ['-c', script, 'danvan-e2e-watchdog', String(process.pid), String(serverPid)], {
    detached: true,
    stdio: 'ignore',
  });
  w.unref();
}

/** The environment for danvan: ours, minus inherited DANVAN_* settings. */
function danvanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('DANVAN_')) env[k] = v;
  }
  return { ...env, ...extra };
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function makeDataDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-e2e-'));
}

/**
 * `danvan documents add …`: puts the plan the seed cites (136-KH/HU) into the
 * library, so that the document page and the citation link are checked too.
 * Returns the document's public path (`/van-ban/<slug>`).
 */
export function addSeedDocument({ bin, dataDir }) {
  const args = [
    'documents', 'add', '--type', 'Kế hoạch', '--number', '136-KH/HU', '--issued-on', '2023-07-25',
    '--issuer', 'Ban Thường vụ Huyện ủy',
    '--summary', 'Thực hiện Chỉ thị số 18-CT/TU của Ban Thường vụ Tỉnh ủy về tiếp tục nâng cao hiệu quả phong trào thi đua “Dân vận khéo”',
  ];
  const res = spawnSync(bin, args, { env: danvanEnv({ DANVAN_DATA_DIR: dataDir }), encoding: 'utf8', timeout: 60_000 });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.error || res.status !== 0) {
    throw new Error(`\`${bin} documents add\` failed (${res.error?.message ?? res.status}):\n${output}`);
  }
  const m = output.match(/\/van-ban\/[a-z0-9-]+/);
  if (!m) throw new Error(`\`danvan documents add\` printed no document path (/van-ban/<slug>):\n${output}`);
  return m[0];
}

/**
 * `danvan registry import` of a small sheet (four records of 2023, one per
 * field, launched and evaluated), so the registry's pages have records.
 */
export function addRegistrySheet({ bin, dataDir }) {
  const sheet = path.join(dataDir, '..', `registry-${path.basename(dataDir)}.csv`);
  fs.writeFileSync(
    sheet,
    [
      'ma,ten,loai,chu_the,linh_vuc,don_vi,ky,ngay_dang_ky,ngay_ra_mat,danh_gia,nam_danh_gia,cong_khai',
      'MS-01,Dân vận khéo trong xây dựng nông thôn mới,Mô hình,Tập thể,Kinh tế,Đảng ủy xã Mẫu Sơn,2023,10/01/2023,15/02/2023,Hiệu quả,2023,có',
      'MS-02,Câu lạc bộ văn hóa dân tộc,Mô hình,Tập thể,VH-XH,Hội Liên hiệp Phụ nữ xã Mẫu Sơn,2023,10/01/2023,20/02/2023,Tiêu biểu,2023,có',
      'MS-03,Tổ an ninh tự quản,Mô hình,Tập thể,QP-AN,Đoàn Thanh niên xã Mẫu Sơn,2023,12/01/2023,01/03/2023,,,',
      'MS-04,Chi bộ gương mẫu,Điển hình,Tập thể,XDHTCT,Đảng ủy xã Mẫu Sơn,2023,15/01/2023,,,,không',
    ].join('\n') + '\n',
  );
  const res = spawnSync(bin, ['registry', 'import', sheet], { env: danvanEnv({ DANVAN_DATA_DIR: dataDir }), encoding: 'utf8', timeout: 60_000 });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.error || res.status !== 0) {
    throw new Error(`\`${bin} registry import\` failed (${res.error?.message ?? res.status}):\n${output}`);
  }
  if (!output.includes('4 tạo mới')) throw new Error(`\`danvan registry import\` did not create the 4 records:\n${output}`);
}

/**
 * `danvan import SEED` into a fresh data dir. Returns the public path of the
 * imported article (`/bai-viet/<slug>`), read from the command's output.
 */
export function importSeed({ bin, dataDir, seed }) {
  const res = spawnSync(bin, ['import', seed], {
    env: danvanEnv({ DANVAN_DATA_DIR: dataDir }),
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.error) {
    throw new Error(`\`${bin} import ${seed}\` could not run: ${res.error.message}\n${output}`);
  }
  if (res.status !== 0) {
    throw new Error(`\`${bin} import ${seed}\` exited with ${res.status ?? res.signal}:\n${output}`);
  }
  const m = output.match(/\/bai-viet\/[a-z0-9-]+/);
  if (!m) {
    throw new Error(`\`danvan import\` printed no article path (/bai-viet/<slug>):\n${output}`);
  }
  return { articlePath: m[0], output };
}

/**
 * `danvan serve` on 127.0.0.1:<port>; resolves once GET /healthz answers 200.
 * Output goes to `logFile`.
 */
export async function startServer({ bin, dataDir, port, logFile, timeoutMs = 30_000 }) {
  const listen = `127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'w');
  const child = spawn(bin, ['serve'], {
    env: danvanEnv({ DANVAN_DATA_DIR: dataDir, DANVAN_LISTEN: listen }),
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  children.add(child);
  watchdog(child.pid);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    children.delete(child);
  });
  child.on('error', (err) => {
    exited = { error: err };
  });

  const baseURL = `http://${listen}`;
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) {
      const tail = fs.readFileSync(logFile, 'utf8').slice(-4000);
      throw new Error(
        `danvan serve exited before it was healthy (${JSON.stringify(exited)}); log ${logFile}:\n${tail}`,
      );
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        return { baseURL, child, stop: () => stopServer(child) };
      }
      lastError = `GET /healthz answered ${res.status}`;
    } catch (err) {
      lastError = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopServer(child);
  const tail = fs.readFileSync(logFile, 'utf8').slice(-4000);
  throw new Error(`danvan serve was not healthy within ${timeoutMs / 1000} s (${lastError}); log ${logFile}:\n${tail}`);
}

/** SIGTERM, then SIGKILL after 5 s. */
export async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
  children.delete(child);
}
