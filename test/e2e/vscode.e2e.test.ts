// End-to-end smoke test in a real VS Code (code-server + Debian's Chromium, driven by playwright-core),
// following /work/shared/docs/e2e-vscode.md. Not part of `npm test`: run `npm run test:e2e` after
// `bash test/e2e/setup.sh`. It installs the packaged .vsix, opens a chart, and checks that the
// extension activates (language mode, grammar scopes), completes, previews, and that Restricted Mode
// refuses to run helm. Screenshots go to test/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(__dirname, '..', '..');
const cache = process.env.CHARTWRIGHT_E2E_CACHE ?? join(homedir(), '.cache', 'chartwright-e2e');
const node24 = join(cache, 'node24', 'bin', 'node');
const codeServer = join(cache, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const vsix = join(root, `${name}-${version}.vsix`);
const shots = join(__dirname, 'screenshots');
// The real helm for "Dry Run with helm" (the part is skipped without it).
const helm = process.env.CHARTWRIGHT_E2E_HELM ?? '/work/bin/helm4';
// A real chart from the shared corpus when present, else the repository's example chart.
const corpusChart = join(root, '..', 'shared', 'corpus', 'charts', 'cert-manager');
const sourceChart = existsSync(corpusChart) ? corpusChart : join(root, 'examples', 'hello');

const missing = [node24, codeServer, '/usr/bin/chromium', vsix].filter((p) => !existsSync(p));
const skip = missing.length > 0 ? `missing ${missing.join(', ')} (run bash test/e2e/setup.sh and npm run package)` : false;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

interface Session {
  readonly server: ChildProcess;
  readonly url: string;
  readonly dirs: string[];
}

async function startCodeServer(workspace: string, extensions: string, trusted: boolean): Promise<Session> {
  const user = mkdtempSync(join(tmpdir(), 'cw-e2e-user-'));
  mkdirSync(join(user, 'User'), { recursive: true });
  writeFileSync(
    join(user, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': trusted ? false : true,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'window.zoomLevel': 0,
      ...(existsSync(helm) ? { 'chartwright.helmPath': helm } : {}),
    }),
  );
  const port = await freePort();
  const server = spawn(
    node24,
    [codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', user, '--extensions-dir', extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace].filter((a) => trusted || a !== '--disable-workspace-trust'),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return { server, url, dirs: [user] };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  server.kill();
  throw new Error('code-server did not start');
}

function stop(s: Session): void {
  s.server.kill(); // by the handle of the process this test started
  for (const d of s.dirs) rmSync(d, { recursive: true, force: true });
}

async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return page;
}

async function openFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${file.split('/').pop() ?? file}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${file.split('/').pop() ?? file}"]`, { timeout: 30_000 });
  await page.waitForSelector('.monaco-editor .view-lines');
}

async function languageIs(page: Page, language: string): Promise<void> {
  await page.locator('[id="status.editor.mode"]', { hasText: language }).waitFor({ timeout: 30_000 });
}

async function paletteRows(page: Page, text: string): Promise<string[]> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
  await page.keyboard.type(text);
  await page.waitForTimeout(500);
  return page.locator('.quick-input-list .monaco-list-row').allTextContents();
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
  await page.keyboard.type(title);
  await page.waitForTimeout(300); // the list filters asynchronously; the first row must be the match
  await page.keyboard.press('Enter');
}

let extensions = '';
let workspace = '';
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  mkdirSync(shots, { recursive: true });
  extensions = mkdtempSync(join(tmpdir(), 'cw-e2e-ext-'));
  workspace = mkdtempSync(join(tmpdir(), 'cw-e2e-ws-'));
  cpSync(sourceChart, join(workspace, 'chart'), { recursive: true });
  // A templates/ folder that is not a chart's: claimed by the file-name pattern, then given back to YAML.
  mkdirSync(join(workspace, 'chart', 'docs', 'templates'), { recursive: true });
  writeFileSync(join(workspace, 'chart', 'docs', 'templates', 'example.yaml'), 'kind: Example\n');
  execFileSync(node24, [codeServer, '--extensions-dir', extensions, '--install-extension', vsix], { stdio: 'pipe' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  for (const d of [extensions, workspace]) if (d !== '') rmSync(d, { recursive: true, force: true });
});

test('trusted workspace: language, grammar, completion, preview', { skip, timeout: 240_000 }, async (t) => {
  const s = await startCodeServer(join(workspace, 'chart'), extensions, true);
  try {
    assert.ok(browser);
    const page = await openWorkbench(browser, s.url);
    await openFile(page, 'templates/deployment.yaml');
    // The client switches chart templates to the helm language.
    await languageIs(page, 'Helm Template');
    await page.screenshot({ path: join(shots, '01-template.png') });
    // The trust context key settles shortly after start-up: ask the palette a few times.
    let offered: string[] = [];
    for (let i = 0; i < 10 && !offered.some((r) => r.includes('Dry Run with helm')); i++) {
      offered = await paletteRows(page, 'Chartwright: Dry Run with helm');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
    assert.ok(offered.some((r) => r.includes('Dry Run with helm')), `not offered when trusted: ${offered.join(' | ')}`);

    // Grammar: the token inspector lists our scopes for a token inside an action.
    await page.locator('.monaco-editor .view-line', { hasText: '.Values' }).first().locator('span', { hasText: 'Values' }).first().click();
    await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
    const inspector = await page.waitForSelector('.token-inspect-widget', { timeout: 15_000 });
    const scopes = (await inspector.textContent()) ?? '';
    await page.screenshot({ path: join(shots, '02-token-scopes.png') });
    assert.match(scopes, /language\s*helm/);
    assert.match(scopes, /(variable|support)\.[\w.]*\.helm/);
    assert.match(scopes, /meta\.embedded\.action\.helm/);
    await page.keyboard.press('Escape');

    // Completion after `.Values.` in a new action.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('{{ .Values.');
    await page.keyboard.press('Control+Space');
    const suggest = await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 30_000 });
    assert.ok(suggest);
    await page.screenshot({ path: join(shots, '03-completion.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');

    // Preview of the rendered YAML opens beside the template.
    await runCommand(page, 'Chartwright: Preview Rendered YAML');
    await page.waitForSelector('.tab[aria-label*="(rendered)"]', { timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shots, '04-preview.png') });
    const previewFirst = (await page.locator('.editor-group-container:has(.tab.active[aria-label*="(rendered)"]) .monaco-editor .view-line').first().textContent()) ?? '';
    t.diagnostic(`preview first line: ${previewFirst}`);
    assert.doesNotMatch(previewFirst, /not running|not a Chartwright preview/);

    // Dry run with the real helm binary: its output opens in a read-only document.
    if (existsSync(helm)) {
      await runCommand(page, 'Chartwright: Dry Run with helm');
      await page.waitForSelector('.tab[aria-label*="dry run (helm)"]', { timeout: 60_000 });
      await page.locator('.monaco-editor .view-line', { hasText: 'STATUS: pending-install' }).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, '07-dry-run-helm.png') });
    }

    // Partials use the text variant; values.yaml and templates/ outside a chart stay YAML.
    await openFile(page, 'templates/_helpers.tpl');
    await languageIs(page, 'Helm Template Helpers');
    await page.screenshot({ path: join(shots, '06-helpers-tpl.png') });
    await openFile(page, 'docs/templates/example.yaml');
    await languageIs(page, 'YAML');
    await openFile(page, 'values.yaml');
    await languageIs(page, 'YAML');
  } finally {
    stop(s);
  }
});

test('restricted mode: helm is never run', { skip, timeout: 180_000 }, async () => {
  const s = await startCodeServer(join(workspace, 'chart'), extensions, false);
  try {
    assert.ok(browser);
    const page = await openWorkbench(browser, s.url);
    // Dismiss the trust dialog by staying in Restricted Mode.
    const dontTrust = page.locator('.monaco-dialog-box a.monaco-button', { hasText: /No, I don.t trust/ });
    if (await dontTrust.count().then((n) => n > 0)) await dontTrust.first().click();
    await openFile(page, 'templates/deployment.yaml');
    await languageIs(page, 'Helm Template');
    // VS Code says it is in Restricted Mode (status bar entry of the workspace trust feature).
    await page.locator('[id="status.workspaceTrust"], .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    // The command is disabled (enablement: isWorkspaceTrusted), so the palette does not offer it.
    const rows = await paletteRows(page, 'Chartwright: Dry Run with helm');
    await page.screenshot({ path: join(shots, '05-restricted.png') });
    assert.ok(!rows.some((r) => r.includes('Dry Run with helm')), `offered in Restricted Mode: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.includes('Dry Run (built-in)')), `built-in dry run missing: ${rows.join(' | ')}`);
    await page.keyboard.press('Escape');
  } finally {
    stop(s);
  }
});
