// The checks. Each one throws an AssertionError whose message says exactly
// what is wrong, where, and on which element.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { formatViolations, runAxe } from './axe.mjs';
import {
  clickAndWaitForNavigation,
  goto,
  htmlClasses,
  newContext,
  poll,
  readerControl,
  rootFontPx,
  watchPage,
} from './browser.mjs';
import { DESKTOP, HTML_DIR, LARGEST_TEXT_RATIO, LARGEST_TEXT_STEPS, MOBILE, NARROW, SCREENSHOT_DIR } from './config.mjs';
import { installHelpers } from './inpage.mjs';
import { applyTextSpacing, findClippedText, focusInfo, measureOverflow } from './measure.mjs';
import { formatMessage, isError, validateFiles } from './vnu.mjs';

const SKIP_TARGET = 'noi-dung';
const SUMMARY_RE = /Tổng số điểm của bài viết là:\s*(\d+)\s*trong\s*(\d+)\s*đánh giá/;

/** Everything the checks share: server, browser, paths found at start, lazily made contexts. */
export class State {
  constructor() {
    this.contexts = new Map();
    this.notes = [];
  }

  pathOf(page) {
    const p = page.path(this);
    if (!p) throw new Error(`no path for page "${page.id}" (setup did not find it)`);
    return p;
  }

  /** A context made once and reused by every page of one check. */
  context(key, make) {
    if (!this.contexts.has(key)) this.contexts.set(key, make());
    return this.contexts.get(key);
  }

  note(line) {
    this.notes.push(line);
    console.log(`note: ${line}`);
  }

  async closeContexts() {
    for (const p of this.contexts.values()) {
      try {
        await (await p).close();
      } catch {
        // already closed or never made
      }
    }
    this.contexts.clear();
  }
}

async function withPage(context, fn) {
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}

function fail(lines, header) {
  assert.fail(`${header}\n  ${lines.join('\n  ')}`);
}

/** axe's "incomplete" results (needs a human look; not failures), one line per node. */
function logIncomplete(p, incomplete) {
  if (!incomplete.length) return;
  console.log(`${p}: axe needs review (not failures): ${incomplete.map((v) => `${v.id}×${v.nodes.length}`).join(', ')}`);
  for (const v of incomplete) {
    for (const n of v.nodes) {
      const why = (n.summary ?? '').replace(/\s+/g, ' ').replace(/^Fix any of the following: /, '').slice(0, 160);
      console.log(`  review ${v.id}: ${JSON.stringify(n.target)} ${why}`);
    }
  }
}

// ---------------------------------------------------------------- setup

/** The first link on the home page whose path starts with /chuyen-muc/. */
export async function findCategoryPath(baseURL) {
  const res = await fetch(`${baseURL}/`);
  const html = await res.text();
  for (const m of html.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const href = (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&');
    const url = new URL(href, `${baseURL}/`);
    if (url.origin === new URL(baseURL).origin && url.pathname.startsWith('/chuyen-muc/')) {
      return url.pathname + url.search;
    }
  }
  return null;
}

/** The browser's default root font size and user agent, measured on a fresh context. */
export async function measureDefaults(S) {
  const context = await newContext(S.browser, S.baseURL);
  try {
    return await withPage(context, async (page) => {
      await goto(page, '/');
      return { fontPx: await rootFontPx(page), userAgent: await page.evaluate(() => navigator.userAgent) };
    });
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- per page

/** Status, content type and charset of the raw response. */
export async function checkResponse(S, P) {
  const p = S.pathOf(P);
  const res = await fetch(`${S.baseURL}${p}`, { redirect: 'manual', headers: S.cookieHeader && p.startsWith('/quan-tri') ? { cookie: S.cookieHeader } : {} });
  const body = await res.text();
  const problems = [];
  const want = P.status ?? 200;
  if (res.status !== want) problems.push(`status ${res.status}, expected ${want}`);
  const ct = res.headers.get('content-type') ?? '';
  if (!/^text\/html\b/i.test(ct)) problems.push(`content-type is "${ct}", expected text/html`);
  if (!/charset=utf-8/i.test(ct)) problems.push(`content-type "${ct}" does not say charset=utf-8`);
  if (!/^\s*<!doctype html>/i.test(body)) problems.push('the body does not start with <!doctype html>');
  if (problems.length) fail(problems, `${p}:`);
}

/** axe-core, WCAG 2.0/2.1/2.2 A and AA rules: zero violations. */
export async function checkAxe(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('axe', () => newContext(S.browser, S.baseURL));
  await withPage(context, async (page) => {
    await goto(page, p, P.status ?? 200);
    const { violations, incomplete } = await runAxe(page);
    logIncomplete(p, incomplete);
    if (violations.length) {
      assert.fail(`${violations.length} axe violation(s):\n${formatViolations(p, violations)}`);
    }
  });
}

/** No script errors, console errors or failing same-origin requests while the page loads. */
export async function checkConsole(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('console', () => newContext(S.browser, S.baseURL));
  await withPage(context, async (page) => {
    const log = watchPage(page);
    const before = context.blocked.length;
    await goto(page, p, P.status ?? 200);
    await page.waitForLoadState('networkidle').catch(() => {});
    const url = page.url();
    const consoleErrors = log.consoleErrors.filter(
      // the page's own expected error status (a 404, a 422 form) is not a failure
      (e) => !(e.url === url && (P.status ?? 200) >= 400 && e.text.includes(`status of ${P.status} `)),
    );
    const blocked = context.blocked.slice(before);
    if (blocked.length) {
      S.note(`${p} asks for resources on other hosts (blocked here): ${[...new Set(blocked)].join(', ')}`);
    }
    const problems = [
      ...log.pageErrors.map((e) => `script error: ${e}`),
      ...consoleErrors.map((e) => `console error: ${e.text} (${e.url})`),
      ...log.badResponses.map((r) => `sub-resource answered ${r}`),
      ...log.failedRequests.map((r) => `request failed: ${r}`),
    ];
    if (problems.length) fail(problems, `${p}: problems while loading:`);
  });
}

/** The Nu Html Checker on the served HTML, all pages in one run: zero errors, warnings printed. */
export async function checkHtml(S, P, pages) {
  S.vnu ??= (async () => {
    fs.mkdirSync(HTML_DIR, { recursive: true });
    const files = [];
    for (const page of pages) {
      const pp = S.pathOf(page);
      const res = await fetch(`${S.baseURL}${pp}`, { headers: S.cookieHeader && pp.startsWith('/quan-tri') ? { cookie: S.cookieHeader } : {} });
      const file = path.join(HTML_DIR, `${page.id}.html`);
      fs.writeFileSync(file, await res.text());
      files.push(file);
    }
    return validateFiles(files);
  })();
  const byFile = await S.vnu;
  const p = S.pathOf(P);
  const messages = byFile.get(path.join(HTML_DIR, `${P.id}.html`)) ?? [];
  for (const m of messages.filter((m) => !isError(m))) {
    console.log(`vnu ${m.subType ?? m.type}: ${formatMessage(p, m)}`);
  }
  const errors = messages.filter(isError);
  if (errors.length) {
    assert.fail(`${errors.length} HTML error(s) (Nu Html Checker):\n  ${errors.map((m) => formatMessage(p, m)).join('\n  ')}`);
  }
}

/** Without JavaScript the page shows its h1 and its main content. */
export async function checkNoJs(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('nojs', () => newContext(S.browser, S.baseURL, { javaScriptEnabled: false }));
  await withPage(context, async (page) => {
    await goto(page, p, P.status ?? 200);
    await installHelpers(page);
    const r = await page.evaluate(() => {
      const shown = (el) => {
        const b = el.getBoundingClientRect();
        return b.width > 0 && b.height > 0 && !window.__e2e.visuallyHidden(el);
      };
      const h1s = [...document.querySelectorAll('h1')];
      const mains = [...document.querySelectorAll('main, [role="main"]')];
      const main = mains[0];
      return {
        h1: h1s.map((h) => ({
          text: (h.textContent || '').replace(/\s+/g, ' ').trim(),
          shown: shown(h),
          rendered: !window.__e2e.hiddenFromAll(h),
          selector: window.__e2e.selector(h),
        })),
        mains: mains.length,
        mainShown: main ? shown(main) : false,
        mainText: main ? window.__e2e.ownText(main).length : 0,
        mainHasH1: main ? !!main.querySelector('h1') : false,
      };
    });
    const problems = [];
    if (!r.h1.length) problems.push('no <h1>');
    else if (!r.h1.some((h) => h.rendered && h.text)) problems.push(`no rendered, non-empty <h1>: ${JSON.stringify(r.h1)}`);
    else if (!r.h1.some((h) => h.shown && h.text)) {
      // Screen-reader-only h1 (the same with JavaScript on): allowed, but noted.
      S.note(`${p}: the <h1> is visually hidden (screen-reader only): ${r.h1.map((h) => `${h.selector} "${h.text}"`).join(', ')}`);
    }
    if (r.h1.length > 1) S.note(`${p} has ${r.h1.length} <h1> elements: ${r.h1.map((h) => h.selector).join(', ')}`);
    if (r.mains !== 1) problems.push(`${r.mains} <main> elements, expected 1`);
    if (r.mains && !r.mainShown) problems.push('<main> is not visible without JavaScript');
    if (r.mains && r.mainText < 20) problems.push(`<main> has only ${r.mainText} characters of text without JavaScript`);
    if (problems.length) fail(problems, `${p} without JavaScript:`);
  });
}

/** Keyboard only: skip link first and visible, Enter skips to #noi-dung, every focus is visible. */
export async function checkKeyboard(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('keyboard', () => newContext(S.browser, S.baseURL));
  await withPage(context, async (page) => {
    const problems = [];
    await goto(page, p, P.status ?? 200);
    await installHelpers(page);
    await page.keyboard.press('Tab');
    const first = await page.evaluate((id) => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const target = document.getElementById(id);
      return {
        body: el === document.body,
        isSkip: el.matches('a.skip-link'),
        href: el.getAttribute('href'),
        selector: window.__e2e.selector(el),
        html: window.__e2e.snippet(el),
        rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
        vw: innerWidth,
        vh: innerHeight,
        target: target ? target.localName : null,
      };
    }, SKIP_TARGET);
    if (first.body) problems.push('the first Tab focuses nothing');
    else if (!first.isSkip) problems.push(`the first Tab focuses ${first.selector} ${first.html}, expected the skip link a.skip-link`);
    if (!first.body && first.href !== `#${SKIP_TARGET}`) problems.push(`the first focused element links to ${JSON.stringify(first.href)}, expected "#${SKIP_TARGET}"`);
    const { rect, vw, vh } = first;
    const visible = rect.width > 1 && rect.height > 1 && rect.left >= 0 && rect.top >= 0 && rect.right <= vw + 1 && rect.bottom <= vh + 1;
    if (!first.body && !visible) problems.push(`the skip link is not visible when focused: box ${JSON.stringify(rect)} in a ${vw}x${vh} viewport`);
    if (!first.target) problems.push(`no element has id="${SKIP_TARGET}"`);
    else if (first.target !== 'main') problems.push(`#${SKIP_TARGET} is a <${first.target}>, expected the <main>`);

    if (first.isSkip && first.target) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(150);
      const after = await page.evaluate((id) => {
        const t = document.getElementById(id);
        const a = document.activeElement;
        return { hash: location.hash, focusInTarget: t === a || t.contains(a), top: Math.round(t.getBoundingClientRect().top) };
      }, SKIP_TARGET);
      if (after.hash !== `#${SKIP_TARGET}`) problems.push(`Enter on the skip link leaves location.hash ${JSON.stringify(after.hash)}`);
      if (!after.focusInTarget) {
        // The focus starting point moved to #noi-dung: the next Tab must reach
        // the first focusable element inside or after it (or wrap to the top
        // when there is none).
        await page.evaluate((id) => {
          const t = document.getElementById(id);
          const sel =
            'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
            'select:not([disabled]), textarea:not([disabled]), summary, iframe, [contenteditable=""], ' +
            '[contenteditable="true"], audio[controls], video[controls], [tabindex]';
          const tabbable = [...document.querySelectorAll(sel)].filter((el) => {
            if (el.tabIndex < 0) return false;
            const r = el.getBoundingClientRect();
            return r.width > 0 || r.height > 0;
          });
          window.__e2eExpected =
            tabbable.find((el) => t.contains(el) || t.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) ??
            null;
        }, SKIP_TARGET);
        await page.keyboard.press('Tab');
        const next = await page.evaluate((id) => {
          const t = document.getElementById(id);
          const a = document.activeElement;
          const want = window.__e2eExpected;
          const inOrAfter = (t.contains(a) && t !== a) || !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
          const ok = want ? a === want || inOrAfter : true;
          return {
            ok,
            selector: window.__e2e.selector(a),
            html: window.__e2e.snippet(a),
            want: want ? `${window.__e2e.selector(want)} ${window.__e2e.snippet(want)}` : null,
          };
        }, SKIP_TARGET);
        if (!next.ok) {
          problems.push(
            `after Enter on the skip link, the next Tab goes to ${next.selector} ${next.html}, ` +
              `not to ${next.want} inside/after #${SKIP_TARGET}: the skip link does not move focus`,
          );
        }
      }
    }

    // Tab through everything from the top of a fresh load.
    await goto(page, p, P.status ?? 200);
    await installHelpers(page);
    let count = 0;
    let presses = 0;
    for (; presses < 200; presses++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focusInfo);
      if (f.wrapped) break;
      if (f.none || !f.fresh) continue;
      count++;
      if (!f.indicator) problems.push(`no visible focus indicator on ${f.selector} ${f.html} (outline: ${f.outline}; box-shadow: ${f.boxShadow})`);
      if (!f.inViewport) problems.push(`focused element is not on screen (${f.size}): ${f.selector} ${f.html}`);
      if (f.covered) problems.push(`focused element is entirely covered by another element (WCAG 2.4.11): ${f.selector} ${f.html}`);
    }
    console.log(`${p}: ${count} focusable elements reached in ${presses} Tab presses`);
    if (problems.length) fail(problems, `${p} keyboard:`);
  });
}

/**
 * A context at 320x640 with the largest text step, reached as a reader
 * would (A+ four times, without JavaScript), carried into a JS context.
 */
async function largeTextContext(S) {
  const setup = await newContext(S.browser, S.baseURL, { javaScriptEnabled: false });
  let state;
  try {
    state = await withPage(setup, async (page) => {
      await goto(page, '/');
      for (let i = 0; i < LARGEST_TEXT_STEPS; i++) {
        await clickAndWaitForNavigation(page, await readerControl(page, 'larger'), 'A+');
      }
      return setup.storageState();
    });
  } catch (err) {
    S.note(`could not reach the largest text with the A+ link (${err.message.split('\n')[0]}); set cookie dv_text=4 instead`);
    state = undefined;
  } finally {
    await setup.close();
  }
  const context = await newContext(S.browser, S.baseURL, { viewport: NARROW, storageState: state });
  if (!state) await context.addCookies([{ name: 'dv_text', value: String(LARGEST_TEXT_STEPS), url: S.baseURL }]);
  return context;
}

function overflowProblems(m, S) {
  const problems = [];
  const wantPx = S.defaultFontPx * LARGEST_TEXT_RATIO;
  if (Math.abs(m.rootFontPx - wantPx) > 0.5) {
    problems.push(`root font size is ${m.rootFontPx}px, expected ${wantPx}px (largest text step)`);
  }
  const culprits = m.culprits.map((c) => `sticks out to x=${c.right} (width ${c.width}): ${c.selector} ${c.html}`);
  if (m.scrollWidth > m.innerWidth + 1) {
    problems.push(`horizontal scrolling: scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}`, ...culprits);
  } else if (m.rootClips && culprits.length) {
    problems.push('html/body have overflow-x hidden, so content that sticks out is cut off:', ...culprits);
  }
  return problems;
}

/** 320 px wide at the largest text size: no horizontal scrolling. */
export async function checkReflow(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('large-text', () => largeTextContext(S));
  await withPage(context, async (page) => {
    await goto(page, p, P.status ?? 200);
    await installHelpers(page);
    const m = await page.evaluate(measureOverflow);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${P.id}-320-largest-text.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
    const problems = overflowProblems(m, S);
    if (problems.length) fail(problems, `${p} at 320 px with the largest text:`);
  });
}

/** The same, plus WCAG 1.4.12 text spacing: no horizontal scrolling, no clipped text. */
export async function checkTextSpacing(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('large-text', () => largeTextContext(S));
  await withPage(context, async (page) => {
    await goto(page, p, P.status ?? 200);
    await installHelpers(page);
    const applied = await page.evaluate(applyTextSpacing);
    assert.notEqual(applied, 'normal', 'the text-spacing styles did not apply');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const m = await page.evaluate(measureOverflow);
    const problems = overflowProblems(m, S);
    const clipped = await page.evaluate(findClippedText);
    for (const c of clipped) {
      problems.push(
        `clipped text (${c.how}${c.lineClamp ? `, line-clamp ${c.lineClamp}` : ''}, height ${c.height}, max-height ${c.maxHeight}): ${c.selector} ${c.html}`,
      );
    }
    if (problems.length) fail(problems, `${p} at 320 px, largest text and WCAG 1.4.12 text spacing:`);
  });
}

/** A context with high contrast on, switched on as a reader would (the link, without JavaScript). */
async function highContrastContext(S) {
  const setup = await newContext(S.browser, S.baseURL, { javaScriptEnabled: false });
  let state;
  try {
    state = await withPage(setup, async (page) => {
      await goto(page, '/');
      await clickAndWaitForNavigation(page, await readerControl(page, 'contrast-on'), '"Tăng tương phản"');
      return setup.storageState();
    });
  } catch (err) {
    S.note(`could not switch high contrast on with the link (${err.message.split('\n')[0]}); set cookie dv_contrast=1 instead`);
    state = undefined;
  } finally {
    await setup.close();
  }
  const context = await newContext(S.browser, S.baseURL, { storageState: state });
  if (!state) await context.addCookies([{ name: 'dv_contrast', value: '1', url: S.baseURL }]);
  return context;
}

/** High contrast on: axe color-contrast-enhanced (7:1) finds nothing. */
export async function checkHighContrast(S, P) {
  const p = S.pathOf(P);
  const context = await S.context('high-contrast', () => highContrastContext(S));
  await withPage(context, async (page) => {
    await goto(page, p, P.status ?? 200);
    const classes = await htmlClasses(page);
    assert.ok(classes.includes('contrast-high'), `${p}: <html> lacks class contrast-high with high contrast on (classes: ${JSON.stringify(classes)})`);
    const { violations, incomplete } = await runAxe(page, { rules: ['color-contrast-enhanced'] });
    logIncomplete(p, incomplete);
    if (violations.length) {
      assert.fail(`high contrast is below 7:1:\n${formatViolations(p, violations)}`);
    }
  });
}

/** Full-page screenshots at 1280 and 375 px wide. */
export async function takeScreenshots(S, P) {
  const p = S.pathOf(P);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [key, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ]) {
    const context = await S.context(`shot-${key}`, () => newContext(S.browser, S.baseURL, { viewport }));
    await withPage(context, async (page) => {
      await goto(page, p, P.status ?? 200);
      const file = path.join(SCREENSHOT_DIR, `${P.id}-${key}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);
    });
  }
}

// ---------------------------------------------------------------- article only

async function summaryOf(page) {
  const el = page.locator('#rating-summary');
  if ((await el.count()) === 0) throw new Error(`${page.url()}: no #rating-summary element`);
  const text = ((await el.first().textContent()) ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  const m = text.match(SUMMARY_RE);
  return { text, sum: m ? Number(m[1]) : null, count: m ? Number(m[2]) : null };
}

function summaryLine(sum, count) {
  return `Tổng số điểm của bài viết là: ${sum} trong ${count} đánh giá`;
}

function expectPath(page, wantPath, what) {
  const got = new URL(page.url()).pathname;
  assert.equal(got, wantPath, `${what} should come back to ${wantPath}, but the browser is on ${page.url()}`);
}

/** Without JavaScript: A+ makes the root font larger, it persists, A resets it. */
export async function checkTextSizeNoJs(S) {
  const a = S.articlePath;
  const context = await newContext(S.browser, S.baseURL, { javaScriptEnabled: false });
  try {
    await withPage(context, async (page) => {
      await goto(page, a);
      const before = await rootFontPx(page);
      await clickAndWaitForNavigation(page, await readerControl(page, 'larger'), 'A+');
      expectPath(page, a, 'A+');
      const larger = await rootFontPx(page);
      assert.ok(larger > before, `A+ did not enlarge the text on ${a}: root font ${before}px before, ${larger}px after`);
      await goto(page, '/');
      const home = await rootFontPx(page);
      assert.equal(home, larger, `the larger text did not persist to the home page: ${home}px there, ${larger}px on the article`);
      await goto(page, a);
      await clickAndWaitForNavigation(page, await readerControl(page, 'smaller'), 'A-');
      const smaller = await rootFontPx(page);
      assert.ok(smaller < larger, `A- did not make the text smaller: ${larger}px before, ${smaller}px after`);
      await clickAndWaitForNavigation(page, await readerControl(page, 'larger'), 'A+');
      await clickAndWaitForNavigation(page, await readerControl(page, 'reset'), 'A');
      expectPath(page, a, 'A');
      const reset = await rootFontPx(page);
      assert.equal(reset, before, `A did not reset the text size: ${reset}px, default ${before}px`);
      await goto(page, '/');
      assert.equal(await rootFontPx(page), before, 'the reset size did not persist to the home page');
    });
  } finally {
    await context.close();
  }
}

/** Without JavaScript: the contrast link toggles html.contrast-high, and it persists. */
export async function checkContrastNoJs(S) {
  const a = S.articlePath;
  const context = await newContext(S.browser, S.baseURL, { javaScriptEnabled: false });
  try {
    await withPage(context, async (page) => {
      await goto(page, a);
      assert.ok(!(await htmlClasses(page)).includes('contrast-high'), 'contrast-high is on before the reader asked for it');
      await clickAndWaitForNavigation(page, await readerControl(page, 'contrast-on'), '"Tăng tương phản"');
      expectPath(page, a, '"Tăng tương phản"');
      assert.ok((await htmlClasses(page)).includes('contrast-high'), '"Tăng tương phản" did not add class contrast-high to <html>');
      await readerControl(page, 'contrast-off'); // the link now reads "Giảm tương phản"
      await goto(page, '/');
      assert.ok((await htmlClasses(page)).includes('contrast-high'), 'high contrast did not persist to the home page');
      await clickAndWaitForNavigation(page, await readerControl(page, 'contrast-off'), '"Giảm tương phản"');
      expectPath(page, '/', '"Giảm tương phản"');
      assert.ok(!(await htmlClasses(page)).includes('contrast-high'), '"Giảm tương phản" did not remove class contrast-high');
      await readerControl(page, 'contrast-on');
      await goto(page, a);
      assert.ok(!(await htmlClasses(page)).includes('contrast-high'), 'normal contrast did not persist to the article');
    });
  } finally {
    await context.close();
  }
}

/** Without JavaScript: the rating form takes a 5 and the page shows the new totals. */
export async function checkRatingNoJs(S) {
  const a = S.articlePath;
  const context = await newContext(S.browser, S.baseURL, { javaScriptEnabled: false });
  try {
    await withPage(context, async (page) => {
      await goto(page, a);
      const form = page.locator('form.article-rating__form');
      assert.equal(await form.count(), 1, `${a}: expected one form.article-rating__form`);
      const values = await form.locator('button[name="diem"]').evaluateAll((bs) => bs.map((b) => b.value));
      assert.deepEqual(values, ['1', '2', '3', '4', '5'], `${a}: the rating buttons button[name="diem"] have values ${JSON.stringify(values)}`);
      const initial = await summaryOf(page);
      const base = initial.sum === null ? { sum: 0, count: 0 } : initial;
      if (initial.sum !== 0 || initial.count !== 0) S.note(`before any vote #rating-summary reads "${initial.text}"`);
      await clickAndWaitForNavigation(page, form.locator('button[name="diem"][value="5"]'), 'the rating button 5');
      expectPath(page, a, 'the rating form');
      const after = await summaryOf(page);
      const want = summaryLine(base.sum + 5, base.count + 1);
      assert.ok(after.text.includes(want), `after voting 5 without JavaScript #rating-summary reads "${after.text}", expected "${want}"`);
      S.ratingAfterNoJs = { sum: base.sum + 5, count: base.count + 1 };
      const msg = page.locator('#rating-message');
      if (await msg.count()) console.log(`#rating-message after the form vote: "${((await msg.textContent()) ?? '').trim()}"`);
    });
  } finally {
    await context.close();
  }
}

/** With JavaScript, a new visitor: the vote updates the summary in place; a second vote is refused. */
export async function checkRatingJs(S) {
  const a = S.articlePath;
  const context = await newContext(S.browser, S.baseURL, { userAgent: `${S.defaultUA} e2e-js` });
  try {
    await withPage(context, async (page) => {
      const log = watchPage(page);
      await goto(page, a);
      await page.waitForLoadState('networkidle').catch(() => {});
      const initial = await summaryOf(page);
      if (S.ratingAfterNoJs) {
        assert.equal(initial.text, summaryLine(S.ratingAfterNoJs.sum, S.ratingAfterNoJs.count), 'the summary does not show the earlier no-JS vote');
      }
      const base = initial.sum === null ? { sum: 0, count: 0 } : initial;
      const url = page.url();
      let navigations = 0;
      let loads = 0;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) navigations++;
      });
      page.on('load', () => loads++);
      const posts = [];
      page.on('response', (res) => {
        if (res.request().method() === 'POST') posts.push(`${res.status()} ${res.url()}`);
      });
      await page.evaluate(() => {
        window.__marker = 1;
      });
      const button = page.locator('form.article-rating__form button[name="diem"][value="5"]');
      await button.click();
      const want = summaryLine(base.sum + 5, base.count + 1);
      const after = await poll(async () => {
        const s = await summaryOf(page).catch(() => null);
        return s && s.text.includes(want) ? s : null;
      });
      const now = await summaryOf(page).catch((e) => ({ text: e.message }));
      assert.ok(after, `after voting 5 with JavaScript #rating-summary reads "${now.text}", expected "${want}" (POST responses: ${posts.join(', ') || 'none'})`);
      assert.equal(page.url(), url, 'the JavaScript vote changed the URL');
      assert.equal(await page.evaluate(() => window.__marker), 1, 'the JavaScript vote reloaded the page (window.__marker is gone)');
      assert.equal(navigations + loads, 0, `the JavaScript vote navigated (${navigations} navigation(s), ${loads} load event(s))`);
      const message = page.locator('#rating-message');
      assert.equal(await message.count(), 1, `${a}: no #rating-message element`);
      const firstMessage = ((await message.textContent()) ?? '').normalize('NFC').trim();
      console.log(`#rating-message after the JavaScript vote: "${firstMessage}"`);

      // A second vote from the same visitor is refused.
      const disabled = await button.isDisabled();
      if (disabled) S.note('after a JavaScript vote the rating buttons are disabled; the second vote is sent with force');
      const postsBefore = posts.length;
      await button.click({ force: disabled });
      const refusal = await poll(async () => {
        const t = ((await message.textContent()) ?? '').normalize('NFC').trim();
        return t.includes('đã đánh giá') && !t.includes('Cảm ơn') && posts.length > postsBefore ? t : null;
      });
      const nowMessage = ((await message.textContent()) ?? '').normalize('NFC').trim();
      assert.ok(
        refusal,
        `after a second vote #rating-message reads "${nowMessage}", expected a refusal containing "đã đánh giá" ` +
          `(POST responses: ${posts.slice(postsBefore).join(', ') || 'none'})`,
      );
      console.log(`#rating-message after the second vote: "${refusal}" (${posts.slice(postsBefore).join(', ')})`);
      const still = await summaryOf(page);
      assert.ok(still.text.includes(want), `the refused vote changed #rating-summary to "${still.text}"`);
      assert.equal(navigations + loads, 0, 'the second vote navigated');
      assert.equal(log.pageErrors.length, 0, `script errors: ${log.pageErrors.join('; ')}`);
    });
  } finally {
    await context.close();
  }
}
