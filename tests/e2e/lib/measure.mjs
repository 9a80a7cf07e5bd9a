// In-page measurements (run through page.evaluate after installHelpers).

/** Horizontal overflow: the page's scroll width and what sticks out. */
export function measureOverflow() {
  const vw = window.innerWidth;
  const de = document.documentElement;
  const hiddenX = (el) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const rootClips = hiddenX(de) || hiddenX(document.body);
  const scrollsX = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const all = [...document.body.querySelectorAll('*')];
  const over = all.filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || r.right <= vw + 1) return false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (scrollsX(a)) return false; // inside its own scroll container (allowed for tables, code)
    }
    return !window.__e2e.visuallyHidden(el);
  });
  const leaves = over.filter((el) => !over.some((o) => o !== el && el.contains(o)));
  return {
    scrollWidth: de.scrollWidth,
    innerWidth: vw,
    rootClips,
    rootFontPx: parseFloat(getComputedStyle(de).fontSize),
    culprits: leaves.slice(0, 12).map((el) => {
      const r = el.getBoundingClientRect();
      return {
        selector: window.__e2e.selector(el),
        html: window.__e2e.snippet(el),
        left: Math.round(r.left),
        right: Math.round(r.right),
        width: Math.round(r.width),
      };
    }),
  };
}

/** Elements with overflow hidden/clip whose text does not fit (clipped text). */
export function findClippedText() {
  const out = [];
  const hidden = (v) => v === 'hidden' || v === 'clip';
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const hy = hidden(cs.overflowY);
    const hx = hidden(cs.overflowX);
    if (!hy && !hx) continue;
    const text = (el.innerText || '').trim();
    if (!text) continue;
    if (el.clientHeight <= 1 || el.clientWidth <= 1) continue;
    if (window.__e2e.visuallyHidden(el)) continue;
    const vertical = hy && el.scrollHeight > el.clientHeight + 1;
    const horizontal = hx && cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
    if (vertical || horizontal) {
      out.push({
        selector: window.__e2e.selector(el),
        html: window.__e2e.snippet(el),
        how: vertical
          ? `scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}`
          : `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth} (text-overflow: ellipsis)`,
        lineClamp: cs.webkitLineClamp && cs.webkitLineClamp !== 'none' ? cs.webkitLineClamp : null,
        height: cs.height,
        maxHeight: cs.maxHeight,
      });
    }
  }
  return out.slice(0, 20);
}

/** WCAG 1.4.12 text spacing (the usual bookmarklet), applied with CSSOM so a strict CSP cannot block it. */
export function applyTextSpacing() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
      ' p { margin-bottom: 2em !important; }',
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const p = document.querySelector('p') || document.body;
  return getComputedStyle(p).letterSpacing;
}

/** Facts about the focused element, for the keyboard check. */
export function focusInfo() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  if (!window.__e2eFirst) window.__e2eFirst = el;
  else if (el === window.__e2eFirst) return { wrapped: true };
  window.__e2eSeen ||= new WeakSet();
  const fresh = !window.__e2eSeen.has(el);
  window.__e2eSeen.add(el);
  const cs = getComputedStyle(el);
  const transparent = (c) => !c || c === 'transparent' || /rgba\([^)]*,\s*0(\.0+)?\)$/.test(c);
  const outline =
    cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
  const shadow = !!cs.boxShadow && cs.boxShadow !== 'none' && !/^(rgba\([^)]*,\s*0\)[^,]*,?\s*)+$/.test(cs.boxShadow);
  const r = el.getBoundingClientRect();
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const inViewport = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
  let covered = false;
  if (inViewport && el.localName !== 'iframe') {
    const pts = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 2, r.top + 2],
      [r.right - 2, r.top + 2],
      [r.left + 2, r.bottom - 2],
      [r.right - 2, r.bottom - 2],
    ].filter(([x, y]) => x >= 0 && y >= 0 && x < vw && y < vh);
    covered =
      pts.length > 0 &&
      pts.every(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return hit && !(el === hit || el.contains(hit) || hit.contains(el));
      });
  }
  return {
    fresh,
    selector: window.__e2e.selector(el),
    html: window.__e2e.snippet(el),
    outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
    boxShadow: cs.boxShadow,
    indicator: outline || shadow,
    size: `${Math.round(r.width)}x${Math.round(r.height)}`,
    inViewport,
    covered,
  };
}
