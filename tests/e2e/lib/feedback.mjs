// The feedback desk's setup for the browser suite: items sent through the
// public form (as a browser without JavaScript would), the administrator
// given the feedback coordinator's role at the top unit, so that the
// back-office queue and item pages can be checked, and a second item
// accepted and answered, so that its publication page exists. Also the
// checks of the pages only a POST shows: a reporter's items found on the
// personal-data page, and the publication form waiting for its
// confirmation.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { formatViolations, runAxe } from './axe.mjs';
import { clickAndWaitForNavigation, goto, htmlClasses, newContext } from './browser.mjs';
import { LARGEST_TEXT_STEPS, NARROW, SCREENSHOT_DIR } from './config.mjs';
import { installHelpers } from './inpage.mjs';
import { measureOverflow } from './measure.mjs';

/** CRC-32 (ISO 3309, as PNG chunks need). */
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A `width`×`height` RGB PNG with a gradient: a photo a reporter attaches. */
export function gradientPng(width, height) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 255) / width, (y * 255) / height, 128], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Sends one item through `/phan-anh/gui` as the page's multipart form, with
 * a photo attached (`who` overrides the reporter's name, phone and the
 * title); returns its receipt's path.
 */
export async function submitFeedback(baseURL, who = {}) {
  const form = await fetch(`${baseURL}/phan-anh/gui`);
  const csrfCookie = (form.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('dv_csrf='));
  assert.ok(csrfCookie, 'the feedback form sets the dv_csrf cookie');
  const csrf = csrfCookie.split(';')[0].split('=')[1];
  const html = await form.text();
  const category = html.match(/<option value="(\d+)"/)?.[1];
  assert.ok(category, 'the feedback form offers a category');
  assert.match(html, /enctype="multipart\/form-data"/, 'the feedback form sends files without JavaScript');
  const body = new FormData();
  const fields = {
    csrf,
    category_id: category,
    title: who.title ?? 'Đèn đường thôn 3 không sáng',
    content: 'Ba tuần nay đèn đường thôn 3 không sáng, đi lại ban đêm nguy hiểm.',
    place: 'Thôn 3, xã Mẫu Sơn',
    name: who.name ?? 'Người Gửi Mẫu',
    phone: who.phone ?? '0912 345 678',
    email: '',
    consent: '1',
    website: '',
  };
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append('files', new Blob([gradientPng(640, 480)], { type: 'image/png' }), 'den-duong.png');
  const res = await fetch(`${baseURL}/phan-anh/gui`, { method: 'POST', redirect: 'manual', headers: { cookie: `dv_csrf=${csrf}` }, body });
  assert.equal(res.status, 303, `sending the feedback form answered ${res.status}`);
  return new URL(res.headers.get('location'), baseURL).pathname;
}

/**
 * Adds the feedback coordinator's role at the administrator's own unit to
 * the signed-in administrator (`cookie`); returns the path of the first
 * item of the back-office queue.
 */
export async function coordinatorQueue(baseURL, cookie) {
  const users = await (await fetch(`${baseURL}/quan-tri/nguoi-dung`, { headers: { cookie } })).text();
  const csrf = users.match(/name="csrf" value="([0-9a-f]{64})"/)?.[1];
  // the administrator's roles form (the one holding an administrator's
  // grant): every grant it holds is kept, the coordinator's added
  const forms = [...users.matchAll(/action="\/quan-tri\/nguoi-dung\/(\d+)\/vai-tro"([\s\S]*?)<\/form>/g)];
  const own = forms.find((f) => /name="grant" value="administrator@\d+"/.test(f[2]));
  assert.ok(csrf && own, 'the users page lists the administrator with its grants');
  const id = own[1];
  const grants = [...own[2].matchAll(/name="grant" value="([a-z_]+@\d+)"/g)].map((m) => m[1]);
  const unit = grants.find((g) => g.startsWith('administrator@')).split('@')[1];
  const body = new URLSearchParams({ csrf, add_role: 'feedback_coordinator', add_unit: unit });
  for (const g of grants) body.append('grant', g);
  const res = await fetch(`${baseURL}/quan-tri/nguoi-dung/${id}/vai-tro`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body,
  });
  assert.equal(res.status, 303, `adding the coordinator's role answered ${res.status}`);
  const queue = await (await fetch(`${baseURL}/quan-tri/phan-anh`, { headers: { cookie } })).text();
  // the row of the item sent (the sample site has items of its own)
  const item = [...queue.matchAll(/<a href="(\/quan-tri\/phan-anh\/\d+)">[^<]*<\/a><\/td>\s*<td>([^<]*)<\/td>/g)].find((m) => m[2] === 'Đèn đường thôn 3 không sáng')?.[1];
  assert.ok(item, 'the queue lists the item sent');
  const page = await (await fetch(`${baseURL}${item}`, { headers: { cookie } })).text();
  const photo = page.match(/<img src="(\/quan-tri\/phan-anh\/\d+\/tep\/\d+)"/)?.[1];
  assert.ok(photo, 'the item page shows the photo attached');
  const got = await fetch(`${baseURL}${photo}`, { headers: { cookie } });
  assert.equal(got.headers.get('content-type'), 'image/jpeg', 'the photo is served re-encoded as JPEG');
  const visitor = await fetch(`${baseURL}${photo}`, { redirect: 'manual' });
  assert.notEqual(visitor.status, 200, 'the photo is not served to a visitor (sent to the sign-in page)');
  assert.notEqual(visitor.headers.get('content-type'), 'image/jpeg', 'no photo bytes for a visitor');
  return item;
}

/** POSTs a back-office form with fetch; asserts the 303 of a step done. */
async function postForm(baseURL, cookie, path, fields, what) {
  const res = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields),
  });
  assert.equal(res.status, 303, `${what} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** The phone of the item answered for the publication page. */
export const ANSWERED_PHONE = '0913 222 333';
/** The office's hotline the answer quotes (not personal data: confirmed to publish it). */
export const OFFICE_PHONE = '0234 3822 123';

/**
 * Sends a second item, accepts it into the first unit offered and answers
 * it quoting its reporter and the office's hotline, as the coordinator
 * `cookie` (not `firstItemPath`, whose page keeps its step forms); returns
 * the path of its publication page.
 */
export async function answeredItem(baseURL, cookie, firstItemPath) {
  const title = 'Cống thoát nước thôn 3 bị tắc';
  await submitFeedback(baseURL, { name: 'Trần Thị Hỏi', phone: ANSWERED_PHONE, title });
  const queue = await (await fetch(`${baseURL}/quan-tri/phan-anh?hang=moi`, { headers: { cookie } })).text();
  // the row of the item just sent (the sample site may have others waiting)
  const item = [...queue.matchAll(/<a href="(\/quan-tri\/phan-anh\/\d+)">[^<]*<\/a><\/td>\s*<td>([^<]*)<\/td>/g)]
    .find((m) => m[2] === title && m[1] !== firstItemPath)?.[1];
  assert.ok(item, 'the queue lists the second item');
  const page = await (await fetch(`${baseURL}${item}`, { headers: { cookie } })).text();
  const csrf = page.match(/name="csrf" value="([0-9a-f]{64})"/)?.[1];
  const unit = page.match(/<select id="accept-unit" name="unit_id"><option value="(\d+)"/)?.[1];
  assert.ok(csrf && unit, 'the item page offers the acceptance');
  await postForm(baseURL, cookie, `${item}/thu-ly`, { csrf, unit_id: unit }, 'accepting the item');
  const text = `Kính gửi bà Trần Thị Hỏi (${ANSWERED_PHONE}): công ty môi trường đã thông cống thôn 3. Cần thêm thông tin xin gọi đường dây nóng ${OFFICE_PHONE}.`;
  await postForm(baseURL, cookie, `${item}/tra-loi`, { csrf, text }, 'answering the item');
  return `${item}/cong-khai`;
}

/** The pages only a POST shows: (id, opens it in `page`). */
const POSTED = [
  [
    'admin-feedback-contact-found',
    async (page) => {
      await goto(page, '/quan-tri/phan-anh/du-lieu-ca-nhan');
      await page.fill('#contact', '0912 345 678');
      await clickAndWaitForNavigation(page, page.locator('form[action="/quan-tri/phan-anh/du-lieu-ca-nhan"] button[type=submit]'), 'the search');
      assert.equal(await page.locator('form[action="/quan-tri/phan-anh/du-lieu-ca-nhan/xoa"]').count(), 1, 'the items found, with the export and erase forms');
    },
  ],
  [
    'admin-feedback-publish-confirm',
    async (page, S) => {
      await goto(page, S.feedbackPublishPath);
      const answer = page.locator('#pub-answer');
      const proposed = await answer.inputValue();
      await answer.fill(proposed.replace(/đường dây nóng \[[^\]]*\]/, `đường dây nóng ${OFFICE_PHONE}`));
      await clickAndWaitForNavigation(page, page.locator('form[action$="/cong-khai"] button[type=submit]'), 'publishing');
      assert.equal(await page.locator('#pub-confirm').count(), 1, 'the confirmation box is shown');
    },
  ],
];

/**
 * The pages a POST shows, each in three contexts: axe WCAG 2.2 A/AA with
 * no violations; high contrast (cookie dv_contrast) with axe
 * color-contrast-enhanced (7:1); 320 px at the largest text (cookie
 * dv_text) with no horizontal scrolling (screenshot saved).
 */
export async function checkPostedPages(S) {
  const problems = [];
  const withCookie = (options, name, value) => async () => {
    const context = await newContext(S.browser, S.baseURL, options);
    if (name) await context.addCookies([{ name, value, url: S.baseURL }]);
    return context;
  };
  const runs = [
    ['WCAG 2.2 A/AA', withCookie({}), async (page, id) => {
      const { violations } = await runAxe(page);
      if (violations.length) problems.push(formatViolations(id, violations));
    }],
    ['high contrast', withCookie({}, 'dv_contrast', '1'), async (page, id) => {
      if (!(await htmlClasses(page)).includes('contrast-high')) problems.push(`${id}: <html> lacks contrast-high`);
      const { violations } = await runAxe(page, { rules: ['color-contrast-enhanced'] });
      if (violations.length) problems.push(formatViolations(`${id} (high contrast)`, violations));
    }],
    ['320 px, largest text', withCookie({ viewport: NARROW }, 'dv_text', String(LARGEST_TEXT_STEPS)), async (page, id) => {
      if (!(await htmlClasses(page)).includes(`text-${LARGEST_TEXT_STEPS}`)) problems.push(`${id}: not at the largest text`);
      await installHelpers(page);
      const m = await page.evaluate(measureOverflow);
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${id}-320-largest-text.png`), fullPage: true });
      if (m.scrollWidth > m.innerWidth + 1) {
        problems.push(`${id} at 320 px, largest text: scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}`, ...m.culprits.map((c) => `  ${c.selector} ${c.html}`));
      }
    }],
  ];
  for (const [label, make, check] of runs) {
    const context = await make();
    try {
      for (const [id, open] of POSTED) {
        const page = await context.newPage();
        try {
          await open(page, S);
          await check(page, id);
        } catch (err) {
          problems.push(`${id} (${label}): ${err.message.split('\n')[0]}`);
        } finally {
          await page.close();
        }
      }
    } finally {
      await context.close();
    }
  }
  if (problems.length) assert.fail(problems.join('\n'));
}
