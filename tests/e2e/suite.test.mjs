// danvan browser suite: runs the release binary on a fresh data dir and
// checks every page in pages.mjs in headless Debian Chromium.
//
//   npm test            (or ./run.sh, which installs node_modules first)
//   DANVAN_BIN=...      another binary than <repo>/target/release/danvan
//   E2E_KEEP_DATA=1     keep the temporary data dir
//
// Tests run one after the other (the rating totals depend on the order).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { PAGES } from './pages.mjs';
import { AXE_VERSION } from './lib/axe.mjs';
import { defaultCookies, launchBrowser } from './lib/browser.mjs';
import * as admin from './lib/admin.mjs';
import { DANVAN_BIN, HTML_DIR, OUT_DIR, SCREENSHOT_DIR, SEED_FILE, preflight } from './lib/config.mjs';
import { addRegistrySheet, addSeedDocument, freePort, importSeed, makeDataDir, startServer } from './lib/server.mjs';
import * as checks from './lib/checks.mjs';
import { answeredItem, checkPostedPages, coordinatorQueue, submitFeedback } from './lib/feedback.mjs';

const TIMEOUT = 180_000;
const S = new checks.State();
const stats = { run: 0, passed: 0, failed: 0, failures: [] };

/** A test that counts as one check in the closing summary. */
function check(name, fn) {
  test(name, { timeout: TIMEOUT }, async (t) => {
    if (!S.ready) {
      t.skip(`setup failed: ${S.setupError ?? 'unknown error'}`);
      return;
    }
    stats.run++;
    try {
      await fn();
      stats.passed++;
    } catch (err) {
      stats.failed++;
      stats.failures.push(name);
      throw err;
    }
  });
}

const problems = preflight();
if (problems.length) {
  for (const p of problems) console.error(p);
  test('preflight', () => assert.fail(problems.join('\n')));
} else {
  test('setup: import the seed, start danvan serve, start Chromium', { timeout: 120_000 }, async () => {
    try {
      fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
      fs.rmSync(HTML_DIR, { recursive: true, force: true });
      fs.mkdirSync(OUT_DIR, { recursive: true });
      S.dataDir = makeDataDir();
      console.log(`data dir: ${S.dataDir}`);
      const imported = importSeed({ bin: DANVAN_BIN, dataDir: S.dataDir, seed: SEED_FILE });
      S.articlePath = imported.articlePath;
      S.documentPath = addSeedDocument({ bin: DANVAN_BIN, dataDir: S.dataDir });
      addRegistrySheet({ bin: DANVAN_BIN, dataDir: S.dataDir });
      S.adminPassword = imported.output.match(/password:\s*(\S+)/)?.[1];
      if (!S.adminPassword) throw new Error('danvan import printed no administrator password');
      const shown = imported.output.replace(/(password|mật khẩu)(\s*:\s*)\S+/gi, '$1$2***');
      console.log(`danvan import: ${shown.trim().split('\n').join(' | ')}`);
      const port = await freePort();
      S.server = await startServer({
        bin: DANVAN_BIN,
        dataDir: S.dataDir,
        port,
        logFile: path.join(OUT_DIR, 'server.log'),
      });
      S.baseURL = S.server.baseURL;
      console.log(`server: ${S.baseURL} (log ${path.join(OUT_DIR, 'server.log')})`);
      S.categoryPath = await checks.findCategoryPath(S.baseURL);
      const session = await admin.signInFetch(S.baseURL, 'admin', S.adminPassword);
      S.cookieHeader = session.pair;
      const [name, value] = session.pair.split('=');
      defaultCookies.push({ name, value, url: `${S.baseURL}/quan-tri` });
      S.feedbackReceiptPath = await submitFeedback(S.baseURL);
      S.feedbackItemPath = await coordinatorQueue(S.baseURL, S.cookieHeader);
      S.feedbackPublishPath = await answeredItem(S.baseURL, S.cookieHeader, S.feedbackItemPath);
      S.draftPath = await admin.createDraft(S.baseURL, S.cookieHeader, {
        title: 'Bài nháp để kiểm tra trang sửa bài',
        lead: 'Sa pô của bài nháp.',
        body_html: '<p>Đoạn thứ nhất của bài nháp.</p><h2>Tiêu đề phụ</h2><ul><li>Ý một</li><li>Ý hai</li></ul>',
        tags: 'Dân vận khéo, Kon Rẫy',
      });
      // a second revision, so the revisions page shows a difference
      const csrf = await admin.csrfOf(S.baseURL, S.cookieHeader, S.draftPath);
      const saved = await fetch(`${S.baseURL}${S.draftPath}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: S.cookieHeader },
        body: new URLSearchParams({ csrf, version: '1', title: 'Bài nháp để kiểm tra trang sửa bài', lead: 'Sa pô đã sửa.', body_html: '<p>Đoạn thứ nhất đã sửa của bài nháp.</p>', tags: 'Dân vận khéo' }),
      });
      if (saved.status !== 303) throw new Error(`saving the draft answered ${saved.status}`);
      if (!S.categoryPath) throw new Error('the home page has no link to /chuyen-muc/…');
      S.browser = await launchBrowser();
      const defaults = await checks.measureDefaults(S);
      S.defaultFontPx = defaults.fontPx;
      S.defaultUA = defaults.userAgent;
      console.log(`chromium ${S.browser.version()}, axe-core ${AXE_VERSION}, default root font ${S.defaultFontPx}px`);
      console.log(`pages: ${PAGES.map((p) => `${p.id} ${S.pathOf(p)}`).join(', ')}`);
      S.ready = true;
    } catch (err) {
      S.setupError = err.message.split('\n')[0];
      console.error(`setup failed: ${err.message}`);
      throw err;
    }
  });

  after(async () => {
    await S.closeContexts();
    if (S.browser) await S.browser.close().catch(() => {});
    if (S.server) await S.server.stop();
    if (S.dataDir && !process.env.E2E_KEEP_DATA) fs.rmSync(S.dataDir, { recursive: true, force: true });
    const covered = S.ready ? PAGES.map((p) => `${p.id} (${S.pathOf(p)})`).join(', ') : 'none';
    console.log(`summary: ${PAGES.length} pages covered: ${covered}`);
    console.log(`summary: ${stats.run} checks run, ${stats.passed} passed, ${stats.failed} failed`);
    for (const f of stats.failures) console.log(`summary: failed: ${f}`);
    for (const n of S.notes) console.log(`summary: note: ${n}`);
  });

  for (const P of PAGES) {
    describe(`page ${P.id}`, () => {
      check(`${P.id}: HTTP status, content type, doctype`, () => checks.checkResponse(S, P));
      check(`${P.id}: axe-core WCAG 2.2 A/AA, zero violations`, () => checks.checkAxe(S, P));
      check(`${P.id}: Nu Html Checker, zero errors`, () => checks.checkHtml(S, P, PAGES));
      check(`${P.id}: no script/console errors, no failing requests`, () => checks.checkConsole(S, P));
      check(`${P.id}: without JavaScript, h1 and main content shown`, () => checks.checkNoJs(S, P));
      check(`${P.id}: keyboard only, skip link and visible focus`, () => checks.checkKeyboard(S, P));
      check(`${P.id}: 320 px at the largest text, no horizontal scrolling`, () => checks.checkReflow(S, P));
      check(`${P.id}: 320 px, largest text and WCAG 1.4.12 text spacing, nothing cut off`, () =>
        checks.checkTextSpacing(S, P),
      );
      check(`${P.id}: high contrast, color-contrast-enhanced (7:1)`, () => checks.checkHighContrast(S, P));
      check(`${P.id}: screenshots at 1280 and 375 px`, () => checks.takeScreenshots(S, P));
    });
  }

  describe('article without JavaScript', () => {
    check('A+ enlarges the text, persists across pages, A- and A restore it', () => checks.checkTextSizeNoJs(S));
    check('"Tăng tương phản" / "Giảm tương phản" toggle html.contrast-high and persist', () =>
      checks.checkContrastNoJs(S),
    );
    check('the rating form records a 5 and shows the new total', () => checks.checkRatingNoJs(S));
  });

  describe('article with JavaScript', () => {
    check('a new visitor votes 5 in place, a second vote is refused', () => checks.checkRatingJs(S));
  });

  describe('feedback back office', () => {
    check('pages a POST shows (a reporter\'s items found, the publication waiting for its confirmation): axe, high contrast 7:1, 320 px at the largest text', () =>
      checkPostedPages(S),
    );
  });

  describe('editorial back office', () => {
    check('contributor drafts (no publish control, forged publish 403), editor submits, approver publishes, public page shows it, audit log lists each step', () =>
      admin.checkWorkflow(S),
    );
    check('a form without its CSRF token gets 403 and changes nothing; session cookie HttpOnly, SameSite, path /quan-tri', () =>
      admin.checkCsrfAndCookie(S),
    );
    check('pasted HTML keeps its text, loses script, onerror, style, javascript: links and iframes', () => admin.checkPaste(S));
    check('uploads: PHP as .jpg, empty, 50-megapixel bomb and oversize refused with a message; GPS EXIF stripped', () =>
      admin.checkUploads(S),
    );
    check('a scheduled article is published by the job at its time, with no page visit', () => admin.checkScheduled(S));
  });
}
