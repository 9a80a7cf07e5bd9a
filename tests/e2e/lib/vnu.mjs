// The Nu Html Checker (vnu.jar) on saved HTML files, all in one JVM run.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VNU_JAR } from './config.mjs';

/**
 * Validates the files; resolves to a Map from absolute file path to the
 * list of messages ({ type: 'error' | 'info' | 'non-document-error',
 * subType?: 'warning' | 'fatal', lastLine, firstColumn, lastColumn,
 * message, extract }).
 */
export function validateFiles(files) {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--stdout', ...files],
      { maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
      (err, stdout, stderr) => {
        // vnu exits 1 when it found errors; that is not a failure of the run.
        let report;
        try {
          report = JSON.parse(stdout);
        } catch {
          reject(new Error(`vnu.jar gave no JSON (${err?.message ?? 'no error'}):\n${stdout}\n${stderr}`));
          return;
        }
        const byFile = new Map(files.map((f) => [path.resolve(f), []]));
        for (const m of report.messages ?? []) {
          let file = null;
          try {
            file = m.url ? fileURLToPath(m.url) : null;
          } catch {
            file = null;
          }
          const key = file && byFile.has(file) ? file : null;
          if (key) byFile.get(key).push(m);
          else for (const list of byFile.values()) list.push(m); // not tied to one file
        }
        resolve(byFile);
      },
    );
  });
}

export function isError(m) {
  return m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal';
}

export function formatMessage(page, m) {
  const where = `line ${m.lastLine ?? m.firstLine ?? '?'}, column ${m.firstColumn ?? m.lastColumn ?? '?'}`;
  const extract = m.extract ? `  «${m.extract.replace(/\s+/g, ' ').trim()}»` : '';
  return `${page}: ${where}: ${m.message}${extract}`;
}
