// Headless Debian Chromium through playwright-core, and page helpers.

import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DESKTOP } from './config.mjs';

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

function isLoopback(url) {
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
  const h = url.hostname;
  return h === '127.0.0.1' || h === 'localhost' || h === '[::1]' || h.startsWith('127.');
}

/**
 * A browser context on the server under test. Requests to any other host
 * are aborted (this machine has no other network, and a test never sends
 * traffic outside the loopback range); they are recorded in `ctx.blocked`.
 */
/** Cookies every new context starts with (the back-office session, path /quan-tri). */
export const defaultCookies = [];

export async function newContext(browser, baseURL, options = {}) {
  const context = await browser.newContext({
    baseURL,
    viewport: DESKTOP,
    locale: 'vi-VN',
    ...options,
  });
  if (defaultCookies.length) await context.addCookies(defaultCookies);
  context.blocked = [];
  await context.route(
    (url) => !isLoopback(url),
    (route) => {
      context.blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/**
 * Records what goes wrong while a page loads: script errors, console
 * errors, failed or error responses of sub-resources.
 */
export function watchPage(page) {
  const log = { pageErrors: [], consoleErrors: [], badResponses: [], failedRequests: [] };
  page.on('pageerror', (err) => log.pageErrors.push(String(err?.stack || err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      log.consoleErrors.push({ text: msg.text(), url: msg.location()?.url ?? '' });
    }
  });
  page.on('response', (res) => {
    const req = res.request();
    if (res.status() >= 400 && !(req.isNavigationRequest() && req.frame() === page.mainFrame())) {
      log.badResponses.push(`${res.status()} ${req.method()} ${res.url()}`);
    }
  });
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? 'failed';
    if (reason.includes('BLOCKED_BY_CLIENT')) return; // another host; recorded by the context
    log.failedRequests.push(`${req.method()} ${req.url()}: ${reason}`);
  });
  return log;
}

/** page.goto that checks the HTTP status and waits for the load event. */
export async function goto(page, path, expectedStatus = 200) {
  const res = await page.goto(path, { waitUntil: 'load' });
  if (!res) throw new Error(`no response for ${path}`);
  if (res.status() !== expectedStatus) {
    throw new Error(`GET ${path} answered ${res.status()}, expected ${expectedStatus}`);
  }
  return res;
}

/** Clicks something that navigates (link, form button) and waits for the new page to load. */
export async function clickAndWaitForNavigation(page, locator, what = 'the click') {
  const nav = page
    .waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15_000 })
    .catch(() => {
      throw new Error(`${what} did not navigate within 15 s`);
    });
  await locator.click();
  await nav;
  await page.waitForLoadState('load');
}

/**
 * The reader controls (DESIGN.md §3.1): links inside `.reader-controls`
 * whose text is "A-", "A", "A+", and the contrast link "Tăng tương phản" /
 * "Giảm tương phản". Returns the first matching link as a locator.
 */
export async function readerControl(page, kind) {
  const items = page.locator('.reader-controls a');
  const texts = await items.evaluateAll((els) =>
    els.map((e) => (e.textContent || '').normalize('NFC').replace(/\s+/g, ' ').trim()),
  );
  const tests = {
    larger: (t) => /^A\s*\+/.test(t),
    smaller: (t) => /^A\s*[-−–]/.test(t),
    reset: (t) => /^A(?!\s*[+\-−–])(\b|$)/.test(t),
    'contrast-on': (t) => t.includes('Tăng tương phản'),
    'contrast-off': (t) => t.includes('Giảm tương phản'),
  };
  const i = texts.findIndex(tests[kind]);
  if (i < 0) {
    const n = await page.locator('.reader-controls').count();
    throw new Error(
      `no reader control "${kind}" on ${page.url()}: ${n} .reader-controls element(s), ` +
        `links: ${JSON.stringify(texts)}`,
    );
  }
  return items.nth(i);
}

/** Root font size in px (getComputedStyle(document.documentElement).fontSize). */
export async function rootFontPx(page) {
  return page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
}

export async function htmlClasses(page) {
  return page.evaluate(() => [...document.documentElement.classList]);
}

/** Polls `fn` until it returns a truthy value or the time is up; returns the last value. */
export async function poll(fn, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (value || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, interval));
  }
}
