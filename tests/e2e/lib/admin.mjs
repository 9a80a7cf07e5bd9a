// The editorial back office in the browser: sign-in, users with roles, the
// workflow contributor → editor → approver, CSRF, pasted HTML, uploads and
// scheduled publishing.

import assert from 'node:assert/strict';
import { goto, newContext } from './browser.mjs';

/** Signs in with fetch (no browser): returns the `dv_session=…` cookie pair. */
export async function signInFetch(baseURL, username, password) {
  const page = await fetch(`${baseURL}/quan-tri/dang-nhap`);
  const csrfCookie = (page.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('dv_csrf='));
  assert.ok(csrfCookie, 'the sign-in page sets the dv_csrf cookie');
  const csrf = csrfCookie.split(';')[0].split('=')[1];
  const res = await fetch(`${baseURL}/quan-tri/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `dv_csrf=${csrf}` },
    body: new URLSearchParams({ csrf, username, password, next: '/quan-tri' }),
  });
  assert.equal(res.status, 303, `sign-in of ${username} answered ${res.status}`);
  const session = (res.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('dv_session='));
  assert.ok(session, 'sign-in sets dv_session');
  return { pair: session.split(';')[0], raw: session };
}

/** The CSRF token of a back-office page (hidden field `csrf`). */
export async function csrfOf(baseURL, cookie, path) {
  const res = await fetch(`${baseURL}${path}`, { headers: { cookie } });
  const html = await res.text();
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  assert.ok(m, `${path} has a csrf field`);
  return m[1];
}

/** Creates a draft with fetch as the signed-in user; returns its edit path. */
export async function createDraft(baseURL, cookie, fields) {
  const csrf = await csrfOf(baseURL, cookie, '/quan-tri/bai-viet/moi');
  const res = await fetch(`${baseURL}/quan-tri/bai-viet`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, version: '0', ...fields }),
  });
  assert.equal(res.status, 303, `creating a draft answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return new URL(res.headers.get('location'), baseURL).pathname;
}

/** A browser context signed in as `username` (changing the temporary password when asked). */
async function signedInContext(S, username, password, newPassword, options = {}) {
  const context = await newContext(S.browser, S.baseURL, options);
  const page = await context.newPage();
  await goto(page, '/quan-tri/dang-nhap');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].button-primary')]);
  if (new URL(page.url()).pathname === '/quan-tri/mat-khau') {
    await page.fill('#current_password', password);
    await page.fill('#password', newPassword);
    await page.fill('#password_again', newPassword);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/quan-tri/mat-khau"] button[type=submit]')]);
    assert.match(await page.textContent('main'), /Đã đổi mật khẩu/, `${username} changed the temporary password`);
  }
  await page.close();
  return context;
}

/** As the administrator: creates a user with one role over the first unit; returns the temporary password. */
async function createUser(adminContext, username, displayName, role) {
  const page = await adminContext.newPage();
  await goto(page, '/quan-tri/nguoi-dung');
  await page.fill('#username', username);
  await page.fill('#display_name', displayName);
  await page.selectOption('#role', role);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/quan-tri/nguoi-dung"] button[type=submit]')]);
  const password = (await page.textContent('.admin-secret code'))?.trim();
  await page.close();
  assert.ok(password && password.length >= 10, `a temporary password is shown for ${username}`);
  return password;
}

async function statusOf(page) {
  return (await page.textContent('.admin-meta .status'))?.trim();
}

/** The acceptance workflow: contributor writes, cannot publish (no control, forged request 403); editor submits; approver publishes; the public page shows it; the audit log lists each step with its user. */
export async function checkWorkflow(S) {
  const admin = await signedInContext(S, 'admin', S.adminPassword, S.adminPassword);
  S.adminContext = admin;
  const users = {};
  for (const [name, display, role] of [
    ['congtacvien', 'Cộng tác viên Một', 'contributor'],
    ['bientap', 'Biên tập viên Hai', 'editor'],
    ['duyetbai', 'Người duyệt Ba', 'approver'],
  ]) {
    const temp = await createUser(admin, name, display, role);
    users[role] = await signedInContext(S, name, temp, `mật khẩu mới của ${role} 2026`, { javaScriptEnabled: false });
  }
  S.users = users;

  // The contributor writes a draft (no JavaScript: the plain HTML field).
  const c = await users.contributor.newPage();
  await goto(c, '/quan-tri/bai-viet/moi');
  const title = 'Bài thử quy trình: đối thoại với bà con thôn Kon Rẫy';
  await c.fill('#title', title);
  await c.fill('#lead', 'Sa pô thử nghiệm.');
  await c.fill('#body_html', '<p>Nội dung bài thử quy trình đăng bài.</p>');
  await Promise.all([c.waitForNavigation(), c.click('form.admin-form button.button-primary')]);
  const editPath = new URL(c.url()).pathname;
  assert.match(editPath, /^\/quan-tri\/bai-viet\/\d+$/, `after saving, the editor is at ${editPath}`);
  assert.equal(await statusOf(c), 'Bản nháp');
  assert.equal(await c.locator('button[name=step]').count(), 0, 'the contributor sees no workflow button');
  const csrf = await c.inputValue('input[name=csrf]');
  const forged = await users.contributor.request.post(`${editPath}/chuyen`, { form: { csrf, step: 'publish' }, maxRedirects: 0 });
  assert.equal(forged.status(), 403, 'a forged publish request by the contributor is refused');
  await c.reload();
  assert.equal(await statusOf(c), 'Bản nháp', 'the forged request changed nothing');
  await c.close();

  // The editor submits.
  const e = await users.editor.newPage();
  await goto(e, editPath);
  assert.equal(await e.locator('button[name=step][value=publish]').count(), 0, 'the editor cannot publish');
  await Promise.all([e.waitForNavigation(), e.click('button[name=step][value=submit]')]);
  assert.equal(await statusOf(e), 'Chờ duyệt');
  await e.close();

  // The approver publishes.
  const a = await users.approver.newPage();
  await goto(a, editPath);
  await Promise.all([a.waitForNavigation(), a.click('button[name=step][value=publish]')]);
  assert.equal(await statusOf(a), 'Đã đăng');
  const publicHref = await a.getAttribute('a[href^="/bai-viet/"]', 'href');
  await a.close();
  const pub = await fetch(`${S.baseURL}${publicHref}`);
  assert.equal(pub.status, 200, `${publicHref} is public`);
  assert.ok((await pub.text()).includes('Nội dung bài thử quy trình'), 'the public page shows the body');

  // The audit log lists each step with its user.
  const log = await admin.newPage();
  await goto(log, '/quan-tri/nhat-ky');
  const rows = await log.$$eval('.audit-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
  await log.close();
  const id = editPath.split('/').pop();
  const steps = rows.filter((r) => r[3] === `article #${id}`).map((r) => `${r[2]} ${r[1]}`).reverse();
  assert.deepEqual(steps, ['article.create congtacvien', 'article.submit bientap', 'article.publish duyetbai']);
  S.workflowPath = editPath;
}

/** A form posted without its CSRF token gets 403 and changes nothing; the session cookie's flags. */
export async function checkCsrfAndCookie(S) {
  // the approver: published text is edited only by approvers
  const e = S.users.approver;
  const cookies = await e.cookies();
  const session = cookies.find((c) => c.name === 'dv_session');
  assert.ok(session, 'the approver has a dv_session cookie');
  assert.equal(session.httpOnly, true, 'HttpOnly');
  assert.equal(session.sameSite, 'Lax', 'SameSite=Lax');
  assert.equal(session.path, '/quan-tri', 'limited to the back office');
  assert.equal(session.secure, false, 'not Secure over plain http on 127.0.0.1 (Secure over TLS is tested in the HTTP suite)');
  const page = await e.newPage();
  await goto(page, S.workflowPath);
  const before = await page.inputValue('#title');
  const res = await e.request.post(S.workflowPath, { form: { title: 'Tiêu đề bị giả mạo', body_html: '<p>x</p>', version: '99' }, maxRedirects: 0 });
  assert.equal(res.status(), 403, 'no csrf field → 403');
  const wrong = await e.request.post(S.workflowPath, { form: { csrf: '0'.repeat(64), title: 'Tiêu đề bị giả mạo', body_html: '<p>x</p>' }, maxRedirects: 0 });
  assert.equal(wrong.status(), 403, 'wrong csrf → 403');
  await page.reload();
  assert.equal(await page.inputValue('#title'), before, 'nothing changed');
  await page.close();
}

const MALICIOUS =
  '<p>Xin chào <b>bà con</b></p><script>alert(1)</script><img src=x onerror=alert(1)>' +
  '<p style="color:red" onclick="x()">Đoạn <a href="javascript:alert(1)">liên kết</a></p>' +
  '<iframe src="https://evil.example"></iframe>';

function assertClean(html, where) {
  for (const bad of ['<script', 'onerror', 'onclick', 'style=', 'javascript:', '<iframe', 'evil.example']) {
    assert.ok(!html.includes(bad), `${where}: "${bad}" was kept: ${html}`);
  }
  assert.match(html, /Xin chào <strong>bà con<\/strong>/, `${where}: text and bold kept`);
  assert.match(html, /Đoạn\s*liên kết/, `${where}: link text kept`);
}

/** Pasting HTML with script, onerror, style, javascript: and an iframe keeps the text and drops those (browser paste and server). */
export async function checkPaste(S) {
  const ctx = await newContext(S.browser, S.baseURL);
  await ctx.addCookies(await S.users.editor.cookies());
  const page = await ctx.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await goto(page, '/quan-tri/bai-viet/moi');
  await page.fill('#title', 'Bài thử dán nội dung');
  const editable = page.locator('[contenteditable="true"]');
  assert.equal(await editable.count(), 1, 'with JavaScript the body is a rich-text region');
  await editable.click();
  await page.evaluate((html) => {
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', 'Xin chào bà con');
    const target = document.querySelector('[contenteditable="true"]');
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, MALICIOUS);
  await Promise.all([page.waitForNavigation(), page.click('form.admin-form button.button-primary')]);
  assert.deepEqual(dialogs, [], 'no script ran');
  const stored = await page.inputValue('#body_html');
  assertClean(stored, 'pasted in the rich-text editor');

  // The server cleans what reaches it anyway (no JavaScript, raw HTML).
  const raw = await S.users.editor.newPage();
  await goto(raw, '/quan-tri/bai-viet/moi');
  await raw.fill('#title', 'Bài thử HTML thô');
  await raw.fill('#body_html', MALICIOUS);
  await Promise.all([raw.waitForNavigation(), raw.click('form.admin-form button.button-primary')]);
  assertClean(await raw.inputValue('#body_html'), 'posted as raw HTML');
  await raw.close();
  await ctx.close();
}

/** A tiny JPEG made by the browser, with an APP1 Exif segment holding a GPS IFD spliced in after SOI. */
async function jpegWithGps(S) {
  const ctx = await newContext(S.browser, S.baseURL);
  const page = await ctx.newPage();
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const g = c.getContext('2d');
    g.fillStyle = '#2a6';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#fff';
    g.fillRect(100, 100, 200, 150);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  await ctx.close();
  const jpeg = Buffer.from(b64, 'base64');
  // TIFF (little endian): IFD0 with GPSInfo → GPS IFD with GPSLatitudeRef "N".
  const tiff = Buffer.alloc(44);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x8825, 10); // GPSInfo
  tiff.writeUInt16LE(4, 12); // LONG
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18); // offset of the GPS IFD
  tiff.writeUInt32LE(0, 22); // no next IFD
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x0001, 28); // GPSLatitudeRef
  tiff.writeUInt16LE(2, 30); // ASCII
  tiff.writeUInt32LE(2, 32);
  tiff.write('N\0\0\0', 36, 'latin1');
  tiff.writeUInt32LE(0, 40);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, payload, jpeg.subarray(2)]);
}

/** A PNG header claiming 10000×5000 pixels (50 megapixels), with a valid IHDR CRC. */
function pngBomb() {
  const crcTable = [...Array(256).keys()].map((n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(10000, 0);
  ihdr.writeUInt32BE(5000, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length, 0);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body), 0);
    return Buffer.concat([len, body, c]);
  };
  // a complete file: IHDR, a tiny IDAT (an empty zlib stream) and IEND
  const idat = Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads refused with a clear message; a JPEG with GPS EXIF is stored without it. */
export async function checkUploads(S) {
  const ctx = S.users.editor;
  const csrf = await (async () => {
    const p = await ctx.newPage();
    await goto(p, '/quan-tri/thu-vien');
    const v = await p.inputValue('input[name=csrf]');
    await p.close();
    return v;
  })();
  const upload = (name, buffer, mimeType) =>
    ctx.request.post('/quan-tri/thu-vien', {
      multipart: { csrf, alt: 'Ảnh thử', caption: '', credit: '', file: { name, mimeType, buffer } },
      maxRedirects: 0,
    });
  const refused = [
    ['shell.php.jpg', Buffer.from("<?php system($_GET['c']); ?>"), 'image/jpeg', /Không nhận loại tệp này \(nội dung là text\/PHP\)/],
    ['rong.jpg', Buffer.alloc(0), 'image/jpeg', /Tệp rỗng/],
    ['bom.png', pngBomb(), 'image/png', /Ảnh 10000×5000 điểm ảnh vượt giới hạn 40 megapixel/],
    ['qua-lon.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(21 * 1024 * 1024)]), 'image/jpeg', /vượt giới hạn 20\.00 MB/],
  ];
  for (const [name, buf, mime, message] of refused) {
    const res = await upload(name, buf, mime);
    const text = await res.text();
    assert.equal(res.status(), 422, `${name}: status ${res.status()}`);
    assert.match(text, message, `${name}: clear message`);
  }
  const gps = await jpegWithGps(S);
  assert.ok(gps.includes(Buffer.from('Exif\0\0', 'latin1')), 'the test file carries EXIF');
  const ok = await upload('IMG_GPS.JPG', gps, 'image/jpeg');
  assert.equal(ok.status(), 303, 'the JPEG with GPS EXIF is accepted');
  const p = await ctx.newPage();
  await goto(p, '/quan-tri/thu-vien');
  const src = await p.getAttribute('.media-item img', 'src');
  await p.close();
  assert.match(src, /^\/media\/.+\.jpg$/);
  const stored = Buffer.from(await (await fetch(`${S.baseURL}${src}`)).arrayBuffer());
  assert.deepEqual([...stored.subarray(0, 2)], [0xff, 0xd8], 'a JPEG is served');
  assert.ok(!stored.includes(Buffer.from('Exif', 'latin1')), 'no EXIF in the stored bytes');
  assert.ok(!stored.includes(Buffer.from([0xff, 0xe1])), 'no APP1 segment in the stored bytes');
}

/** A scheduled article appears at its time with no page visit (the job publishes it). */
export async function checkScheduled(S) {
  const cookie = (await S.users.approver.cookies()).filter((c) => c.name === 'dv_session').map((c) => `${c.name}=${c.value}`)[0];
  const adminCookie = S.cookieHeader;
  const editPath = await createDraft(S.baseURL, adminCookie, {
    title: 'Bài hẹn giờ đăng tự động',
    body_html: '<p>Bài này được hẹn giờ đăng.</p>',
  });
  const csrf = await csrfOf(S.baseURL, cookie, editPath);
  // Vietnam time, 8 seconds from now, with seconds.
  const at = new Date(Date.now() + 7 * 3600_000 + 8_000).toISOString().slice(0, 19);
  const res = await fetch(`${S.baseURL}${editPath}/chuyen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, step: 'schedule', at }),
  });
  assert.equal(res.status, 303, `scheduling answered ${res.status}`);
  const page = await (await fetch(`${S.baseURL}${editPath}`, { headers: { cookie } })).text();
  const slug = 'bai-hen-gio-dang-tu-dong';
  assert.match(page, /Hẹn giờ đăng/, 'status is scheduled');
  assert.equal((await fetch(`${S.baseURL}/bai-viet/${slug}`)).status, 404, 'not public before its time');
  // Wait without visiting anything, then look.
  await new Promise((r) => setTimeout(r, 16_000));
  const audit = await (await fetch(`${S.baseURL}/quan-tri/nhat-ky`, { headers: { cookie: adminCookie } })).text();
  const id = editPath.split('/').pop();
  assert.match(audit, new RegExp(`<td>scheduler</td>\\s*<td><code>article.publish_scheduled</code></td>\\s*<td><a href="/quan-tri/bai-viet/${id}">`), 'the scheduler published it');
  assert.equal((await fetch(`${S.baseURL}/bai-viet/${slug}`)).status, 200, 'public after its time');
}
