// The feedback desk's setup for the browser suite: one item sent through
// the public form (as a browser without JavaScript would), and the
// administrator given the feedback coordinator's role at the top unit, so
// that the back-office queue and item pages can be checked.

import assert from 'node:assert/strict';

/** Sends one item through `/phan-anh/gui`; returns its receipt's path. */
export async function submitFeedback(baseURL) {
  const form = await fetch(`${baseURL}/phan-anh/gui`);
  const csrfCookie = (form.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('dv_csrf='));
  assert.ok(csrfCookie, 'the feedback form sets the dv_csrf cookie');
  const csrf = csrfCookie.split(';')[0].split('=')[1];
  const html = await form.text();
  const category = html.match(/<option value="(\d+)"/)?.[1];
  assert.ok(category, 'the feedback form offers a category');
  const res = await fetch(`${baseURL}/phan-anh/gui`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `dv_csrf=${csrf}` },
    body: new URLSearchParams({
      csrf,
      category_id: category,
      title: 'Đèn đường thôn 3 không sáng',
      content: 'Ba tuần nay đèn đường thôn 3 không sáng, đi lại ban đêm nguy hiểm.',
      place: 'Thôn 3, xã Mẫu Sơn',
      name: 'Người Gửi Mẫu',
      phone: '0912 345 678',
      email: '',
      consent: '1',
      website: '',
    }),
  });
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
  const item = queue.match(/href="(\/quan-tri\/phan-anh\/\d+)"/)?.[1];
  assert.ok(item, 'the queue lists the item sent');
  return item;
}
