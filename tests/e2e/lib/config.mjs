// Paths, browser settings and the preflight checks of the suite.

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(E2E_DIR, '..', '..');
export const OUT_DIR = path.join(E2E_DIR, 'out');
export const SCREENSHOT_DIR = path.join(OUT_DIR, 'screenshots');
export const HTML_DIR = path.join(OUT_DIR, 'html');

/**
 * The binary under test: $DANVAN_BIN, else <repo>/target/release/danvan
 * (or $CARGO_TARGET_DIR/release/danvan when that is set and holds one).
 */
export const DANVAN_BIN = (() => {
  if (process.env.DANVAN_BIN) return path.resolve(process.env.DANVAN_BIN);
  const inRepo = path.join(REPO_DIR, 'target', 'release', 'danvan');
  const custom = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO_DIR, process.env.CARGO_TARGET_DIR, 'release', 'danvan')
    : null;
  return custom && fs.existsSync(custom) ? custom : inRepo;
})();
export const SEED_FILE =
  process.env.DANVAN_SEED || path.join(REPO_DIR, '..', 'shared', 'seeds', '000_717bb114bfc50511.txt');

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const VNU_JAR = path.join(E2E_DIR, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** Viewports used by the checks. */
export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 812 };
export const NARROW = { width: 320, height: 640 };

/** The WCAG tags axe-core runs on every page (best-practice rules are off). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The reader's largest text step (DESIGN.md §3.1: 100 → 200 % in 4 steps). */
export const LARGEST_TEXT_STEPS = 4;
export const LARGEST_TEXT_RATIO = 2;

/**
 * What must be there before anything starts. Returns one clear line per
 * missing thing (empty when all is well).
 */
export function preflight() {
  const problems = [];
  if (!fs.existsSync(CHROMIUM_PATH)) {
    problems.push('Chromium is missing: apt-get install -y chromium');
  }
  if (!fs.existsSync(DANVAN_BIN)) {
    problems.push(
      `The danvan release binary is missing at ${DANVAN_BIN}: run \`cargo build --release -p danvan\` ` +
        '(or set DANVAN_BIN to a built binary)',
    );
  }
  if (!fs.existsSync(SEED_FILE)) {
    problems.push(`The seed article is missing at ${SEED_FILE} (set DANVAN_SEED to another file)`);
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    problems.push('Java is missing (needed by the Nu Html Checker): apt-get install -y openjdk-17-jre-headless');
  }
  if (!fs.existsSync(VNU_JAR)) {
    problems.push(`vnu.jar is missing at ${VNU_JAR}: run \`npm ci\` in ${E2E_DIR}`);
  }
  return problems;
}
