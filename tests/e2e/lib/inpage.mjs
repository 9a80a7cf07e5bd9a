// Helpers that run inside the page (installed as window.__e2e). They work
// with JavaScript disabled too: Playwright's evaluate is not a page script.

const SOURCE = `(() => {
  if (window.__e2e) return;
  const cssEscape = (s) => (window.CSS && CSS.escape ? CSS.escape(s) : s);
  function selector(el) {
    if (!el || el.nodeType !== 1) return String(el);
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && parts.length < 5) {
      if (node.id) { parts.unshift('#' + cssEscape(node.id)); break; }
      let part = node.localName;
      const cls = [...node.classList].slice(0, 3).map((c) => '.' + cssEscape(c)).join('');
      part += cls;
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
      }
      parts.unshift(part);
      if (node.localName === 'body') break;
      node = parent;
    }
    return parts.join(' > ');
  }
  function snippet(el, max = 160) {
    if (!el || el.nodeType !== 1) return '';
    const html = el.outerHTML.replace(/\\s+/g, ' ');
    const open = html.slice(0, html.indexOf('>') + 1);
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
    const s = text ? open + text + (text.length >= 60 ? '…' : '') : open;
    return s.length > max ? s.slice(0, max) + '…' : s;
  }
  function visuallyHidden(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.display === 'none' || cs.visibility === 'hidden') return true;
      if (cs.clip && cs.clip.startsWith('rect(') && /rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)/.test(cs.clip)) return true;
      if (cs.clipPath && /inset\\(50%|inset\\(100%/.test(cs.clipPath)) return true;
      const r = n.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1 && cs.overflow !== 'visible') return true;
    }
    return false;
  }
  // Hidden from everyone (display: none, visibility: hidden), as opposed
  // to the screen-reader-only pattern that visuallyHidden also matches.
  function hiddenFromAll(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.contentVisibility === 'hidden') return true;
    }
    return false;
  }
  function ownText(el) {
    return (el.innerText || el.textContent || '').replace(/\\s+/g, ' ').trim();
  }
  window.__e2e = { selector, snippet, visuallyHidden, hiddenFromAll, ownText };
})()`;

export async function installHelpers(page) {
  await page.evaluate(SOURCE);
}
