// axe-core, injected into the page by hand (no @axe-core/playwright).
// page.evaluate is not subject to the page's Content-Security-Policy, so
// injecting works whatever script-src the server sends.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { AXE_TAGS } from './config.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION = require('axe-core/package.json').version;

/**
 * Runs axe on the page. `runOnly` is either a list of tags or
 * `{ rules: [...] }`. Same-origin frames get axe too; other frames are
 * skipped (they cannot load here anyway).
 */
export async function runAxe(page, { tags = AXE_TAGS, rules } = {}) {
  for (const frame of page.frames()) {
    try {
      await frame.evaluate(`${AXE_SOURCE}\n;void 0`);
    } catch {
      // a frame that is gone or not scriptable
    }
  }
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
  return page.evaluate(
    async ({ runOnly }) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, {
        runOnly,
        resultTypes: ['violations', 'incomplete'],
        frameWaitTime: 5000,
      });
      const pick = (list) =>
        list.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          tags: v.tags,
          nodes: v.nodes.map((n) => ({
            target: n.target,
            html: n.html,
            summary: n.failureSummary,
          })),
        }));
      return { violations: pick(r.violations), incomplete: pick(r.incomplete) };
    },
    { runOnly },
  );
}

/** One readable block per violation: page, rule, impact, help, and every node. */
export function formatViolations(url, violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${url}: [${v.id}] (${v.impact}) ${v.help}  <${v.helpUrl}>`);
    for (const n of v.nodes) {
      lines.push(`    target: ${JSON.stringify(n.target)}`);
      lines.push(`      html: ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (n.summary) lines.push(`       why: ${n.summary.replace(/\s+/g, ' ').slice(0, 400)}`);
    }
  }
  return lines.join('\n');
}
