// End-to-end tests in a real VS Code (code-server + Debian's Chromium, driven by playwright-core),
// following ../shared/docs/e2e-vscode.md. Not part of `npm test`: run `bash test/e2e/setup.sh`,
// `npm run package`, then `npm run test:e2e` (.ci/run does all three). The packaged .vsix is
// installed into code-server; a real chart of the shared corpus (cert-manager) is copied to a temp
// workspace (nothing is written into ../shared) and the tests check, through the UI only:
//   - chart templates get the helm language and grammar scopes, values.yaml stays YAML;
//   - `.Values.` completion lists the chart's values keys;
//   - a broken action shows a marker in the editor and in the Problems panel;
//   - the preview changes as the template is edited (unsaved text), and moving in the preview
//     reveals the template line behind it;
//   - the built-in dry run opens its output document and lists a Kubernetes schema problem in the
//     Problems panel at the template that produced it;
//   - Restricted Mode disables "Dry Run with helm" and says why;
//   - moving in a template reveals its output in the preview, the chart's status bar entry stays
//     while the preview has focus, a template that renders nothing says why, and typing `{{` in a
//     helm document gives `{{ | }}` without doubling the closing braces (issue 12 and 16);
//   - lint on save places a finding at its template position (the `apiVersion:` line of the second
//     document), and an include stack shows as related information in the Problems panel (issue 16);
//   - the extension's page shows every README screenshot (https links to the npm package's files,
//     answered from docs/images/ since the machine is offline; issue 14);
//   - editor features on copies of the corpus charts bitnami-redis and ingress-nginx (issues 10
//     and 11): hover on a values.yaml key lists its layers (values.yaml and a discovered
//     values-production.yaml), the effective value, the schema type and the template reads;
//     completion in a values file offers the keys templates read that it does not set; inlay
//     hints print `= <value>` after `.Values` reads; the CodeLens on a define says "included N
//     times" and its click peeks the N includes; Kubernetes key completion under a Deployment's
//     spec and pod spec (field types and descriptions); hover on `replicas:` shows its type,
//     description and rendered value; `replicaz: 2` is flagged as an unknown field at its template
//     line (squiggle and Problems row). These steps save clipped screenshots (20-26-*.png; the
//     README's copies in docs/images/ are those, quantized with pngquant).
// Every step waits on DOM conditions with generous timeouts. Screenshots go to test/e2e/screenshots/
// (git-ignored). With CHARTWRIGHT_E2E_REQUIRED=1 (set by .ci/run after a successful set-up) a missing
// prerequisite fails the run instead of skipping it.
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

// The few DOM shapes read inside page.evaluate / waitForFunction callbacks (they run in the browser;
// the project's tsconfig has no DOM library).
interface DomElement {
  readonly textContent: string | null;
  readonly style: { readonly top: string };
  readonly value?: string;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<DomElement>;
  querySelector(selector: string): DomElement | null;
};

const root = join(__dirname, '..', '..');
const cache = process.env.CHARTWRIGHT_E2E_CACHE ?? join(homedir(), '.cache', 'chartwright-e2e');
const node24 = join(cache, 'node24', 'bin', 'node');
const codeServer = join(cache, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.CHARTWRIGHT_E2E_CHROMIUM ?? '/usr/bin/chromium';
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const vsix = join(root, `${name}-${version}.vsix`);
/** shots is the folder the screenshots are saved in. */
const shots = join(__dirname, 'screenshots');
// The real helm for "Dry Run with helm": $CHARTWRIGHT_E2E_HELM, else helm4 or helm on PATH (that part is skipped without it).
const helm = process.env.CHARTWRIGHT_E2E_HELM ?? onPath('helm4') ?? onPath('helm') ?? 'helm';

/** onPath finds an executable named `name` on PATH (undefined when there is none). */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}
// A real chart from the shared corpus when present, else the repository's example chart.
const corpusChart = join(root, '..', 'shared', 'corpus', 'charts', 'cert-manager');
const sourceChart = existsSync(corpusChart) ? corpusChart : join(root, 'examples', 'hello');
// The editor-features test (issues 10 and 11) needs these two corpus charts.
const corpusCharts = join(root, '..', 'shared', 'corpus', 'charts');
const featureCharts = ['bitnami-redis', 'ingress-nginx'];
const required = process.env.CHARTWRIGHT_E2E_REQUIRED === '1';
// The https base the .vsix's README links its screenshots from, and how many it has.
const imagesBase = process.env.CHARTWRIGHT_IMAGES_BASE_URL ?? `https://cdn.jsdelivr.net/npm/${name}@${version}/docs/images/`;
const readmeImages = (readFileSync(join(root, 'README.md'), 'utf8').match(/!\[[^\]]*\]\(docs\/images\/[\w-]+\.png\)/g) ?? []).length;

const missing = [node24, codeServer, chromiumPath, vsix].filter((p) => !existsSync(p));
if (required && missing.length > 0) throw new Error(`e2e prerequisites missing: ${missing.join(', ')}`);
const skip = missing.length > 0 ? `missing ${missing.join(', ')} (run bash test/e2e/setup.sh and npm run package)` : false;

// Generous: code-server's first start (extension host, language server) is slow on small CI machines.
const LONG = 90_000;
const MEDIUM = 45_000;

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
  readonly log: string[];
}

async function startCodeServer(workspace: string, extensions: string, trusted: boolean, extra: Record<string, unknown> = {}): Promise<Session> {
  const user = mkdtempSync(join(tmpdir(), 'cw-e2e-user-'));
  mkdirSync(join(user, 'User'), { recursive: true });
  writeFileSync(
    join(user, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': !trusted,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      // Typed text lands verbatim (no auto-closed braces or quotes).
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'editor.wordBasedSuggestions': 'off',
      'editor.minimap.enabled': false,
      // VS Code for the web saves after a delay by default; the tests check unsaved text.
      'files.autoSave': 'off',
      'files.hotExit': 'off',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'window.zoomLevel': 0,
      // No chat side bar taking a third of the screenshots.
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...(existsSync(helm) ? { 'chartwright.helmPath': helm } : {}),
      ...extra,
    }),
  );
  const port = await freePort();
  const args = [codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', user, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', ...(trusted ? ['--disable-workspace-trust'] : []), workspace];
  const server = spawn(node24, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  server.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
  server.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return { server, url, dirs: [user], log };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  server.kill();
  throw new Error(`code-server did not start:\n${log.join('')}`);
}

function stop(s: Session): void {
  s.server.kill(); // by the handle of the process this test started
  for (const d of s.dirs) rmSync(d, { recursive: true, force: true });
}

async function openWorkbench(browser: Browser, url: string, prepare?: (page: Page) => Promise<unknown>, viewport = { width: 1400, height: 900 }): Promise<Page> {
  // A fresh context per session: VS Code for the web keeps unsaved editors (hot exit) in the
  // browser's storage, which must not leak from one session into the next.
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(MEDIUM);
  await prepare?.(page);
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: LONG });
  return page;
}

async function shot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: join(shots, file) });
}

/** quickInput waits for the quick input box (Ctrl+P or F1) to be open and focused. */
async function quickInput(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input:focus');
}

async function openFile(page: Page, file: string): Promise<void> {
  const base = file.split('/').pop() ?? file;
  await quickInput(page, 'Control+P');
  await page.keyboard.type(file);
  // The first row must be the file itself (the list filters asynchronously).
  await page.waitForSelector(`.quick-input-list .monaco-list-row[data-index="0"][aria-label*="${base}"]`, { timeout: LONG });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${base}"]`);
  await page.waitForSelector('.monaco-editor .view-lines');
}

async function languageIs(page: Page, language: string): Promise<void> {
  await page.locator('[id="status.editor.mode"]', { hasText: language }).waitFor({ timeout: LONG });
}

async function paletteRows(page: Page, text: string): Promise<string[]> {
  await quickInput(page, 'F1');
  await page.keyboard.type(text);
  // Wait until the list has filtered to this text (or is empty).
  await page.waitForFunction(
    (t) => {
      const input = document.querySelector('.quick-input-widget input');
      return input?.value === `>${t}` || input?.value === t;
    },
    text,
  );
  await page.waitForTimeout(400);
  return page.locator('.quick-input-list .monaco-list-row').allTextContents();
}

/** runCommand runs a palette command by its exact title (the first row must be it). */
async function runCommand(page: Page, title: string): Promise<void> {
  await quickInput(page, 'F1');
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row[data-index="0"]', { hasText: title }).waitFor();
  await page.keyboard.press('Enter');
}

/** groupOf is the selector of the editor group whose active tab's label contains `tab`. */
const groupOf = (tab: string): string => `.editor-group-container:has(.tab.active[aria-label*="${tab}"])`;

/** visibleText reads the rendered lines of the editor in the group of `tab`, top to bottom. */
async function visibleText(page: Page, tab: string): Promise<string> {
  return page.evaluate((sel) => {
    const lines = [...document.querySelectorAll(`${sel} .monaco-editor .view-lines .view-line`)];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  }, groupOf(tab));
}

/** waitForText waits until the visible text of the editor of `tab` matches `re`. */
async function waitForText(page: Page, tab: string, re: RegExp, timeout = LONG): Promise<string> {
  await page.waitForFunction(
    ([sel, src, flags]) => {
      const lines = [...document.querySelectorAll(`${sel} .monaco-editor .view-lines .view-line`)];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      const text = lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
      return new RegExp(src, flags).test(text);
    },
    [groupOf(tab), re.source, re.flags] as const,
    { timeout },
  );
  return visibleText(page, tab);
}

/** lineNumbers are the line numbers the editor of `tab` shows. */
async function lineNumbers(page: Page, tab: string): Promise<number[]> {
  const texts = await page.locator(`${groupOf(tab)} .monaco-editor .margin-view-overlays .line-numbers`).allTextContents();
  return texts.map((t) => Number(t.trim())).filter((n) => Number.isFinite(n) && n > 0);
}

/** showProblems opens the Problems panel (View: Toggle Problems, only when it is not open yet). */
async function showProblems(page: Page): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await runCommand(page, 'View: Toggle Problems');
  }
  await page.waitForSelector('.markers-panel', { state: 'visible' });
}

/** focusFirstGroup focuses the left editor group (where templates are opened). */
async function focusFirstGroup(page: Page): Promise<void> {
  await page.keyboard.press('Control+1');
}

/** problemRow waits for a Problems panel row whose text matches `re`. */
async function problemRow(page: Page, re: RegExp, timeout = LONG): Promise<string> {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: re }).first();
  await row.waitFor({ timeout });
  return (await row.textContent()) ?? '';
}

/** step runs one named part of a test and reports its duration. */
async function step<T>(t: TestContext, label: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await f();
  } finally {
    t.diagnostic(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

let extensions = '';
let workspace = '';
let browser: Browser | undefined;
const chartDir = (): string => join(workspace, 'chart');
/** featuresDir is the folder of the editor-features session: copies of featureCharts. */
const featuresDir = (): string => join(workspace, 'features');

before(async () => {
  if (skip) return;
  mkdirSync(shots, { recursive: true });
  for (const f of readdirSync(shots)) if (f.endsWith('.png')) unlinkSync(join(shots, f));
  extensions = mkdtempSync(join(tmpdir(), 'cw-e2e-ext-'));
  workspace = mkdtempSync(join(tmpdir(), 'cw-e2e-ws-'));
  cpSync(sourceChart, chartDir(), { recursive: true });
  // A templates/ folder that is not a chart's: claimed by the file-name pattern, then given back to YAML.
  mkdirSync(join(chartDir(), 'docs', 'templates'), { recursive: true });
  writeFileSync(join(chartDir(), 'docs', 'templates', 'example.yaml'), 'kind: Example\n');
  // One template whose output breaks the Kubernetes schema (a named port where a number belongs),
  // for the dry run's schema check.
  writeFileSync(
    join(chartDir(), 'templates', 'e2e-service.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-e2e\nspec:\n  ports:\n    - name: web\n      port: {{ .Values.e2ePort | default "http" }}\n',
  );
  // A template that renders nothing with the chart's values (the preview says why).
  writeFileSync(join(chartDir(), 'templates', 'e2e-blank.yaml'), '{{- if .Values.e2eEnabled }}\nkind: ConfigMap\n{{- end }}\n');
  // The editor-features session: bitnami-redis (with a discovered values-production.yaml, a second
  // layer in hovers) and ingress-nginx, copied from the corpus when it is there.
  if (featureCharts.every((c) => existsSync(join(corpusCharts, c)))) {
    for (const c of featureCharts) cpSync(join(corpusCharts, c), join(featuresDir(), c), { recursive: true });
    writeFileSync(join(featuresDir(), 'bitnami-redis', 'values-production.yaml'), 'replica:\n  replicaCount: 5\n');
  }
  execFileSync(node24, [codeServer, '--extensions-dir', extensions, '--install-extension', vsix], { stdio: 'pipe' });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  for (const d of [extensions, workspace]) if (d !== '') rmSync(d, { recursive: true, force: true });
});

test('trusted workspace: language, completion, diagnostics, live preview, dry run', { skip, timeout: 600_000 }, async (t) => {
  const s = await startCodeServer(chartDir(), extensions, true);
  try {
    assert.ok(browser);
    const page = await openWorkbench(browser, s.url);
    const tpl = 'deployment.yaml';

    await step(t, 'open template', async () => {
      await openFile(page, 'templates/deployment.yaml');
      // The client switches chart templates to the helm language.
      await languageIs(page, 'Helm Template');
      await shot(page, '01-template.png');
    });

    await step(t, 'trusted: helm command offered', async () => {
      // The trust context key settles shortly after start-up: ask the palette a few times.
      // (Until it has, the Restricted Mode stand-in may be listed instead.)
      const enabled = (rows: string[]): boolean => rows.some((r) => r.includes('Dry Run with helm') && !r.includes('disabled'));
      let offered: string[] = [];
      for (let i = 0; i < 20 && !enabled(offered); i++) {
        offered = await paletteRows(page, 'Chartwright: Dry Run with helm');
        await page.keyboard.press('Escape');
        if (!enabled(offered)) await page.waitForTimeout(1000);
      }
      assert.ok(enabled(offered), `not offered when trusted: ${offered.join(' | ')}`);
    });

    await step(t, 'grammar scopes', async () => {
      await page.locator(`${groupOf(tpl)} .view-line`, { hasText: '.Values' }).first().locator('span', { hasText: 'Values' }).first().click();
      await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
      const inspector = await page.waitForSelector('.token-inspect-widget');
      await page.waitForFunction(() => /meta\.embedded\.action\.helm/.test(document.querySelector('.token-inspect-widget')?.textContent ?? ''));
      const scopes = (await inspector.textContent()) ?? '';
      await shot(page, '02-token-scopes.png');
      assert.match(scopes, /language\s*helm/);
      assert.match(scopes, /(variable|support)\.[\w.]*\.helm/);
      await page.keyboard.press('Escape');
    });

    // The chart's own top-level values keys, to recognise real completions.
    const valuesKeys = [...readFileSync(join(chartDir(), 'values.yaml'), 'utf8').matchAll(/^([A-Za-z]\w*):/gm)].map((m) => m[1] ?? '');

    await step(t, '.Values. completion', async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('{{ .Values.');
      await page.keyboard.press('Control+Space');
      await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: LONG });
      const labels = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents();
      t.diagnostic(`completions: ${labels.slice(0, 8).join(', ')}`);
      assert.ok(labels.filter((l) => valuesKeys.includes(l.trim())).length >= 3, `no values keys among: ${labels.join(', ')}`);
      await shot(page, '03-completion.png');
      // Narrow to one key and accept it.
      await page.keyboard.type('replicaC');
      await page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: 'replicaCount' }).waitFor();
      await page.keyboard.press('Enter');
      await waitForText(page, tpl, /\{\{ \.Values\.replicaCount$/m);
    });

    await step(t, 'diagnostic for a broken action', async () => {
      // Complete the action with a function no one defines.
      await page.keyboard.type(' | nosuchfunc }}');
      await waitForText(page, tpl, /\{\{ \.Values\.replicaCount \| nosuchfunc \}\}/);
      await page.waitForSelector(`${groupOf(tpl)} .squiggly-error`, { timeout: LONG });
      await showProblems(page);
      const row = await problemRow(page, /nosuchfunc/);
      t.diagnostic(`problem: ${row}`);
      assert.match(row, /function "nosuchfunc" not defined/);
      // Back to the editor (the cursor is still on the broken line; End scrolls it into view).
      await focusFirstGroup(page);
      await page.keyboard.press('End');
      await page.waitForSelector(`${groupOf(tpl)} .squiggly-error`);
      await shot(page, '04-diagnostics.png');
      // Remove the broken line again and wait for the marker to go.
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Backspace');
      await page.locator('.markers-panel .monaco-list-row', { hasText: /nosuchfunc/ }).first().waitFor({ state: 'detached', timeout: LONG });
    });

    await step(t, 'live preview follows unsaved edits', async () => {
      // Room for the template and its preview side by side (hides the Explorer).
      await page.keyboard.press('Control+B');
      await page.keyboard.press('Control+Home');
      await runCommand(page, 'Chartwright: Preview Rendered YAML');
      await page.waitForSelector('.tab[aria-label*="(rendered)"]', { timeout: LONG });
      const before0 = await waitForText(page, '(rendered)', /kind: Deployment/);
      assert.doesNotMatch(before0, /not running|not a Chartwright preview|preview failed/);
      assert.doesNotMatch(before0, /LIVE-EDIT/);
      // Type at the top of the template; the preview re-renders the unsaved text.
      await page.locator(`${groupOf(tpl)} .view-line`).first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('# e2e {{ "live-edit" | upper }}');
      await page.keyboard.press('Enter');
      const after0 = await waitForText(page, '(rendered)', /^# e2e LIVE-EDIT$/m);
      t.diagnostic(`preview top: ${after0.split('\n').slice(0, 4).join(' / ')}`);
      // And once more: the preview keeps following.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.type(' {{ 6 | mul 7 }}');
      await waitForText(page, '(rendered)', /^# e2e LIVE-EDIT 42$/m);
      await page.keyboard.press('Home'); // scroll the template back to its left edge
      await shot(page, '05-preview.png');
    });

    await step(t, 'moving in the preview reveals the template line', async () => {
      const before1 = await lineNumbers(page, tpl);
      assert.ok(before1.includes(1), `template not at the top: ${before1.join(',')}`);
      // Go to the end of the preview: the template scrolls to the line that produced it.
      await page.locator(`${groupOf('(rendered)')} .view-line`).first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.waitForFunction(
        (sel) => [...document.querySelectorAll(`${sel} .margin-view-overlays .line-numbers`)].every((e) => Number(e.textContent) !== 1),
        groupOf(tpl),
        { timeout: LONG },
      );
      const after1 = await lineNumbers(page, tpl);
      t.diagnostic(`template lines shown after moving in the preview: ${Math.min(...after1)}-${Math.max(...after1)}`);
      assert.ok(Math.min(...after1) > 1);
      await shot(page, '06-preview-reveal.png');
    });

    await step(t, 'built-in dry run: output document and schema problems', async () => {
      await focusFirstGroup(page);
      await openFile(page, 'templates/e2e-service.yaml');
      await languageIs(page, 'Helm Template');
      await runCommand(page, 'Chartwright: Dry Run (built-in)');
      await page.waitForSelector('.tab[aria-label*="dry run (built-in)"]', { timeout: LONG });
      const out = await waitForText(page, 'dry run (built-in)', /STATUS: pending-install/);
      assert.match(out, /NAME: release-name/);
      await showProblems(page);
      const row = await problemRow(page, /Invalid type: expected integer/);
      t.diagnostic(`dry-run problem: ${row}`);
      assert.match(row, /Service release-name-e2e: spec\.ports\[0\]\.port: Invalid type: expected integer, got string/);
      // Listed under the template that produced it.
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'e2e-service.yaml' }).first().waitFor();
      await page.waitForSelector(`${groupOf('e2e-service.yaml')} .squiggly-warning`, { timeout: LONG }).catch(() => undefined);
      await shot(page, '07-dry-run.png');
    });

    if (existsSync(helm)) {
      await step(t, 'dry run with helm', async () => {
        await focusFirstGroup(page);
        await openFile(page, 'templates/deployment.yaml');
        await runCommand(page, 'Chartwright: Dry Run with helm');
        await page.waitForSelector('.tab[aria-label*="dry run (helm)"]', { timeout: LONG });
        await waitForText(page, 'dry run (helm)', /STATUS: pending-install/);
        await shot(page, '08-dry-run-helm.png');
      });
    } else {
      t.diagnostic(`no helm at ${helm}: "Dry Run with helm" not exercised`);
    }

    await step(t, 'edits stay unsaved', async () => {
      // Preview, dry run and reveal never save the template: the file on disk is the chart's.
      const disk = readFileSync(join(chartDir(), 'templates', 'deployment.yaml'), 'utf8');
      assert.equal(disk, readFileSync(join(sourceChart, 'templates', 'deployment.yaml'), 'utf8'));
    });

    await step(t, 'languages of other files', async () => {
      // Partials use the text variant; values.yaml and templates/ outside a chart stay YAML.
      await focusFirstGroup(page);
      await openFile(page, 'templates/_helpers.tpl');
      await languageIs(page, 'Helm Template Helpers');
      await shot(page, '09-helpers-tpl.png');
      await openFile(page, 'docs/templates/example.yaml');
      await languageIs(page, 'YAML');
      await openFile(page, 'values.yaml');
      await languageIs(page, 'YAML');
    });
  } catch (e) {
    t.diagnostic(`code-server log (tail):\n${s.log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop(s);
  }
});

test('restricted mode: helm is disabled with a reason', { skip, timeout: 300_000 }, async (t) => {
  const s = await startCodeServer(chartDir(), extensions, false);
  try {
    assert.ok(browser);
    const page = await openWorkbench(browser, s.url);
    // Dismiss the trust dialog by staying in Restricted Mode.
    const dontTrust = page.locator('.monaco-dialog-box a.monaco-button', { hasText: /No, I don.t trust/ });
    await dontTrust.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    if ((await dontTrust.count()) > 0) await dontTrust.first().click();
    await openFile(page, 'templates/deployment.yaml');
    await languageIs(page, 'Helm Template');
    // VS Code says it is in Restricted Mode (status bar entry of the workspace trust feature).
    await page.locator('[id="status.workspaceTrust"], .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: LONG });
    // The real command is disabled (enablement: isWorkspaceTrusted); its stand-in says why.
    let rows: string[] = [];
    for (let i = 0; i < 15 && !rows.some((r) => r.includes('disabled in Restricted Mode')); i++) {
      rows = await paletteRows(page, 'Chartwright: Dry Run');
      if (!rows.some((r) => r.includes('disabled in Restricted Mode'))) {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1000);
      }
    }
    t.diagnostic(`palette: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.includes('Dry Run (built-in)')), `built-in dry run missing: ${rows.join(' | ')}`);
    assert.ok(!rows.some((r) => r.includes('Dry Run with helm') && !r.includes('disabled in Restricted Mode')), `offered in Restricted Mode: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.includes('Dry Run with helm (disabled in Restricted Mode)')), `no explanation offered: ${rows.join(' | ')}`);
    await page.keyboard.press('Escape');
    await runCommand(page, 'Chartwright: Dry Run with helm (disabled in Restricted Mode)');
    const toast = page.locator('.notification-toast', { hasText: 'disabled in Restricted Mode' }).first();
    await toast.waitFor({ timeout: LONG });
    const reason = (await toast.locator('.notification-list-item-message').first().textContent()) ?? '';
    t.diagnostic(`reason: ${reason}`);
    assert.match(reason, /runs an external program/);
    assert.match(reason, /Trust this workspace/);
    await shot(page, '10-restricted.png');
    // The built-in features still work: completion from the language server.
    await page.locator(`${groupOf('deployment.yaml')} .view-line`).first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('{{ .Release.');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'Namespace' }).first().waitFor({ timeout: LONG });
  } catch (e) {
    t.diagnostic(`code-server log (tail):\n${s.log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop(s);
  }
});

test('preview navigation, status bar, blank preview, action braces', { skip, timeout: 600_000 }, async (t) => {
  // Auto-closing on in helm documents only (the other test types with it off).
  const s = await startCodeServer(chartDir(), extensions, true, { '[helm]': { 'editor.autoClosingBrackets': 'languageDefined' } });
  try {
    assert.ok(browser);
    const page = await openWorkbench(browser, s.url);
    const tpl = 'deployment.yaml';
    const kindLine = readFileSync(join(chartDir(), 'templates', tpl), 'utf8').split('\n').findIndex((l) => l === 'kind: Deployment') + 1;
    assert.ok(kindLine > 0);

    await step(t, 'template → preview', async () => {
      await openFile(page, 'templates/deployment.yaml');
      await languageIs(page, 'Helm Template');
      await page.keyboard.press('Control+B');
      await runCommand(page, 'Chartwright: Preview Rendered YAML');
      await waitForText(page, '(rendered)', /^kind: Deployment$/m);
      // Scroll the preview to its end: `kind: Deployment` is out of view.
      await page.locator(`${groupOf('(rendered)')} .view-line`).first().click();
      await page.keyboard.press('Control+End');
      await page.waitForFunction(
        (sel) => [...document.querySelectorAll(`${sel} .margin-view-overlays .line-numbers`)].every((e) => Number(e.textContent) > 3),
        groupOf('(rendered)'),
        { timeout: LONG },
      );
      // Put the template cursor on `kind: Deployment`: the preview scrolls back to its output.
      await focusFirstGroup(page);
      await runCommand(page, 'Go to Line/Column...');
      await page.keyboard.type(String(kindLine));
      await page.keyboard.press('Enter');
      await waitForText(page, '(rendered)', /^kind: Deployment$/m);
      await shot(page, '11-template-to-preview.png');
    });

    await step(t, 'status bar keeps the chart while the preview has focus', async () => {
      const item = page.locator('.statusbar-item', { hasText: /cert-manager · values\.yaml/ }).first();
      await item.waitFor({ timeout: LONG });
      await page.locator(`${groupOf('(rendered)')} .view-line`).first().click();
      await page.waitForSelector(`${groupOf('(rendered)')} .monaco-editor.focused`);
      await page.waitForTimeout(1000);
      assert.ok(await item.isVisible(), 'status bar entry hidden while the preview has focus');
      await shot(page, '12-status-preview-focus.png');
    });

    await step(t, 'a template that renders nothing says why', async () => {
      await focusFirstGroup(page);
      await openFile(page, 'templates/e2e-blank.yaml');
      await runCommand(page, 'Chartwright: Preview Rendered YAML');
      const text = await waitForText(page, 'e2e-blank (rendered)', /renders nothing with values\.yaml/);
      t.diagnostic(`blank preview: ${text.split('\n').join(' / ')}`);
      assert.match(text, /line 1: `if \.Values\.e2eEnabled` is false/);
      await shot(page, '13-blank-preview.png');
    });

    await step(t, 'typing {{ gives {{ | }} and the closing braces are not doubled', async () => {
      await focusFirstGroup(page);
      await page.locator(`${groupOf('e2e-blank.yaml')} .view-line`).first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      // The assist answers from the extension host: after each key it acts on, wait for its
      // answer before the next key (a loaded machine may lag behind fast synthetic typing).
      const step1 = async (keys: string, re: RegExp): Promise<string> => {
        await page.keyboard.type(keys, { delay: 50 });
        try {
          return await waitForText(page, 'e2e-blank.yaml', re, MEDIUM);
        } catch (e) {
          t.diagnostic(`after typing ${JSON.stringify(keys)}: ${(await visibleText(page, 'e2e-blank.yaml')).split('\n').slice(-3).join(' / ')}`);
          throw e;
        }
      };
      await step1('x: {{', /^x: \{\{  \}\}$/m);
      await step1('.Values.x ', /^x: \{\{ \.Values\.x  \}\}$/m);
      await step1('}', /^x: \{\{ \.Values\.x \}\}$/m);
      await page.keyboard.type('}');
      await page.keyboard.press('Enter');
      await step1('y: {{', /^y: \{\{  \}\}$/m);
      await step1('-', /^y: \{\{-  \}\}$/m);
      await step1('.Values.y -', /^y: \{\{- \.Values\.y - \}\}$/m);
      await step1('}', /^y: \{\{- \.Values\.y -\}\}$/m);
      await page.keyboard.type('}');
      await page.keyboard.press('Enter');
      const text = await step1('z', /^z$/m);
      t.diagnostic(`typed: ${text.split('\n').slice(-3).join(' / ')}`);
      assert.match(text, /^x: \{\{ \.Values\.x \}\}$/m);
      assert.match(text, /^y: \{\{- \.Values\.y -\}\}$/m);
      assert.doesNotMatch(text, /\}\}\}/);
      await shot(page, '14-action-braces.png');
    });
  } catch (e) {
    t.diagnostic(`code-server log (tail):\n${s.log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop(s);
  }
});

test('lint on save at the template position, include stack as related information', { skip, timeout: 600_000 }, async (t) => {
  // A deprecated PodDisruptionBudget in the second document of a template (lint on save).
  const pdb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ .Release.Name }}-e2e-cm', 'data:', '  a: "1"', '---',
    'apiVersion: policy/v1beta1', 'kind: PodDisruptionBudget', 'metadata:', '  name: {{ .Release.Name }}-e2e-pdb', 'spec:', '  minAvailable: 1', ''].join('\n');
  writeFileSync(join(chartDir(), 'templates', 'e2e-pdb.yaml'), pdb);
  const apiLine = pdb.split('\n').indexOf('apiVersion: policy/v1beta1') + 1;
  const s = await startCodeServer(chartDir(), extensions, true);
  try {
    assert.ok(browser);
    const page = await openWorkbench(browser, s.url);

    await step(t, 'lint on save places the finding at its apiVersion line', async () => {
      await openFile(page, 'templates/e2e-pdb.yaml');
      await languageIs(page, 'Helm Template');
      await page.locator(`${groupOf('e2e-pdb.yaml')} .view-line`).first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('# saved by the e2e test');
      await page.keyboard.press('Control+S');
      await page.waitForSelector('.tab.active[aria-label*="e2e-pdb.yaml"]:not(.dirty)');
      await showProblems(page);
      const row = await problemRow(page, /PodDisruptionBudget is deprecated/);
      t.diagnostic(`lint problem: ${row}`);
      assert.match(row, /policy\/v1beta1 PodDisruptionBudget is deprecated in v1\.21\+/);
      assert.match(row, new RegExp(`Ln ${apiLine}, Col 1\\b`));
      await focusFirstGroup(page);
      await runCommand(page, 'Go to Line/Column...');
      await page.keyboard.type(String(apiLine));
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${groupOf('e2e-pdb.yaml')} .squiggly-warning`, { timeout: LONG });
      await shot(page, '15-lint-position.png');
    });

    await step(t, 'a required failing inside an include: the stack as related information', async () => {
      // Written after the lint step: this template makes the whole chart fail to render.
      writeFileSync(join(chartDir(), 'templates', '_e2e.tpl'), '{{- define "e2e.image" -}}\nimage: {{ required "e2eImage is required" .Values.e2eImage }}\n{{- end }}\n');
      writeFileSync(join(chartDir(), 'templates', 'e2e-required.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-required\ndata:\n  {{- include "e2e.image" . | nindent 2 }}\n');
      await focusFirstGroup(page);
      await openFile(page, 'templates/e2e-required.yaml');
      await languageIs(page, 'Helm Template');
      await showProblems(page);
      const row = await problemRow(page, /required: e2eImage is required/);
      t.diagnostic(`problem: ${row}`);
      assert.match(row, /Ln 6, Col 7\b/);
      // The related locations are rows of their own under the problem: the include call and the
      // `required` in the define.
      const defineRow = await problemRow(page, /e2e\.image: error calling required/);
      const callRow = await problemRow(page, /calls e2e\.image/);
      t.diagnostic(`related: ${callRow} | ${defineRow}`);
      assert.match(defineRow, /_e2e\.tpl\[Ln 2, Col 11\]/);
      assert.match(callRow, /e2e-required\.yaml\[Ln 6, Col 7\]/);
      await focusFirstGroup(page);
      await page.waitForSelector(`${groupOf('e2e-required.yaml')} .squiggly-error`, { timeout: LONG });
      await shot(page, '16-related-information.png');
    });

    await step(t, 'a wrong nindent: one problem at the include call, the define as related information', async () => {
      // The failing `required` of the previous step stops the whole render: close its editor (an open
      // document overrides the disk), make the define harmless and remove the template.
      await focusFirstGroup(page);
      await runCommand(page, 'View: Close All Editors');
      writeFileSync(join(chartDir(), 'templates', '_e2e.tpl'), '{{- define "e2e.image" -}}\nimage: x\n{{- end }}\n');
      rmSync(join(chartDir(), 'templates', 'e2e-required.yaml'), { force: true });
      // helm v4.1.4 `helm template` of these two files: "yaml: line 5: did not find expected key".
      writeFileSync(join(chartDir(), 'templates', '_e2e-labels.tpl'), '{{- define "e2e.labels" }}\na: 1\nb: 2\n{{- end }}\n');
      writeFileSync(join(chartDir(), 'templates', 'e2e-indent.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    {{- include "e2e.labels" . | nindent 1 }}\n  name: e2e-indent\n');
      await focusFirstGroup(page);
      await openFile(page, 'templates/e2e-indent.yaml');
      await languageIs(page, 'Helm Template');
      await showProblems(page);
      const problem = /rendered YAML of \S*e2e-indent\.yaml does not parse/;
      const row = await problemRow(page, problem);
      t.diagnostic(`problem: ${row}`);
      // Its message names one output line, and it sits at the include call.
      assert.match(row, /at output line \d+: yaml: did not find expected key/);
      assert.match(row, /Ln 5, Col 5\b/);
      const rows = page.locator('.markers-panel .monaco-list-row', { hasText: problem });
      assert.equal(await rows.count(), 1, 'the nindent problem is reported once');
      // The define is related information, not a problem of its own.
      const related = await problemRow(page, /_e2e-labels\.tpl\[Ln \d+, Col \d+\]/);
      t.diagnostic(`related: ${related}`);
      const helperRows = await page.locator('.markers-panel .monaco-list-row', { hasText: /_e2e-labels\.tpl(?!\[)/ }).count();
      assert.equal(helperRows, 0, 'no problem published in _e2e-labels.tpl');
      await focusFirstGroup(page);
      await page.waitForSelector(`${groupOf('e2e-indent.yaml')} .squiggly-error`, { timeout: LONG });
      await shot(page, '17-nindent-once.png');
    });
  } catch (e) {
    t.diagnostic(`code-server log (tail):\n${s.log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop(s);
  }
});

/** goTo puts the cursor of the focused editor at line:column (1-based) and waits for the status bar to say so. */
async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await runCommand(page, 'Go to Line/Column...');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
}

/** parkMouse moves the pointer to an empty part of the activity bar (no hover, no tooltip in screenshots). */
async function parkMouse(page: Page): Promise<void> {
  await page.mouse.move(24, 700);
}

/** showHover shows the editor hover at the cursor (keyboard) and waits until its text matches `re`. */
async function showHover(page: Page, re: RegExp): Promise<Locator> {
  // Asked again while it shows nothing: a hover asked before the chart has loaded (or while the
  // editor is still placing the cursor) can come back empty, and VS Code does not ask again.
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: re }).first();
  for (let i = 0; ; i++) {
    await parkMouse(page);
    await runCommand(page, 'Show or Focus Hover');
    try {
      await hover.waitFor({ timeout: i < 5 ? 10_000 : LONG });
      return hover;
    } catch (e) {
      if (i >= 5) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** suggestRow asks for completion (Ctrl+Space) until a row matches `re` (the first answer may come before the chart is loaded). */
async function suggestRow(page: Page, re: RegExp): Promise<Locator> {
  const row = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: re }).first();
  for (let i = 0; ; i++) {
    await page.keyboard.press('Control+Space');
    try {
      await row.waitFor({ timeout: i < 4 ? 10_000 : LONG });
      return row;
    } catch (e) {
      if (i >= 4) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** suggestLabels are the labels of the completion list shown. */
async function suggestLabels(page: Page): Promise<string[]> {
  return (await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents()).map((l) => l.trim());
}

/** showSuggestDetails opens the details beside the completion list (Ctrl+Space toggles them; VS Code remembers the state). */
async function showSuggestDetails(page: Page, re: RegExp): Promise<Locator> {
  const details = page.locator('.suggest-details-container .suggest-details', { hasText: re }).first();
  if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
  await details.waitFor({ timeout: MEDIUM });
  // The box is sized before the documentation arrives: focus the next row and back to lay it out again.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await details.waitFor();
  await page.waitForTimeout(500);
  return details;
}

/** lineText is the text of the editor line of `tab` matching `re` (its content span, not the full-width line). */
function lineText(page: Page, tab: string, re: RegExp): Locator {
  return page.locator(`${groupOf(tab)} .view-line`, { hasText: re }).first().locator(':scope > span');
}

/** lineNumber is the line number `n` in the margin of the editor of `tab`. */
function lineNumber(page: Page, tab: string, n: number): Locator {
  return page.locator(`${groupOf(tab)} .margin-view-overlays .line-numbers`, { hasText: new RegExp(`^\\s*${n}\\s*$`) }).first();
}

/**
 * clipShot saves the part of the window around `parts` (the union of their boxes, padded, inside
 * the viewport, at most `maxWidth` wide); every part must be on screen, `optional` ones may be absent.
 */
async function clipShot(page: Page, file: string, parts: readonly Locator[], opts: { optional?: readonly Locator[]; maxWidth?: number } = {}): Promise<void> {
  const pad = 8;
  const boxes: { x: number; y: number; width: number; height: number }[] = [];
  for (const p of parts) {
    const b = await p.boundingBox({ timeout: 5000 });
    assert.ok(b !== null, `${file}: ${p.toString()} is not shown`);
    boxes.push(b);
  }
  for (const p of opts.optional ?? []) {
    const b = await p.boundingBox({ timeout: 2000 }).catch(() => null);
    if (b !== null) boxes.push(b);
  }
  const vp = page.viewportSize() ?? { width: 1400, height: 900 };
  const x0 = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y0 = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const x1 = Math.min(vp.width, x0 + (opts.maxWidth ?? vp.width), Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const y1 = Math.min(vp.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  await page.screenshot({ path: join(shots, file), clip: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
}

/** squiggleOn waits for a problem squiggle drawn on the editor line `line` (a Locator of that line's text). */
async function squiggleOn(page: Page, tab: string, line: Locator): Promise<void> {
  const squiggles = page.locator(`${groupOf(tab)} [class*="squiggly-"]`);
  for (let i = 0; i < LONG / 500; i++) {
    const l = await line.boundingBox({ timeout: 1000 }).catch(() => null);
    if (l !== null) {
      for (const s of await squiggles.all()) {
        const b = await s.boundingBox().catch(() => null);
        if (b !== null && b.y >= l.y - 2 && b.y < l.y + l.height) return;
      }
    }
    await page.waitForTimeout(500);
  }
  assert.fail(`no squiggle on the line in ${tab}`);
}

const skipFeatures = skip || (featureCharts.every((c) => existsSync(join(corpusCharts, c))) ? false : `corpus charts missing under ${corpusCharts}`);

test('editor features: values hover and completion, inlay hints, define CodeLens, Kubernetes completion, validation and hover', { skip: skipFeatures, timeout: 900_000 }, async (t) => {
  const s = await startCodeServer(featuresDir(), extensions, true, { 'editor.stickyScroll.enabled': false });
  const redis = (rel: string): string[] => readFileSync(join(featuresDir(), 'bitnami-redis', rel), 'utf8').split('\n');
  const lineOf = (lines: readonly string[], re: RegExp, after = 0): number => {
    const i = lines.findIndex((l, n) => n >= after && re.test(l));
    assert.ok(i >= 0, `no line ${re}`);
    return i + 1;
  };
  let shown: Page | undefined;
  try {
    assert.ok(browser);
    // A tall window: VS Code sizes an editor hover up to a quarter of the editor's height (at least
    // 250 px), and the values hover is long. The screenshots are clips.
    const page = await openWorkbench(browser, s.url, undefined, { width: 1400, height: 1700 });
    shown = page;

    await step(t, 'values.yaml: hover on a key (layers, effective value, template reads)', async () => {
      const values = redis('values.yaml');
      const countLine = lineOf(values, /^ {2}replicaCount: 3$/, lineOf(values, /^replica:$/));
      await openFile(page, 'bitnami-redis/values.yaml');
      await languageIs(page, 'YAML');
      await page.keyboard.press('Control+B'); // room for the editor
      await goTo(page, countLine, 5);
      const hover = await showHover(page, /Read by \d+ templates?/);
      const text = (await hover.textContent()) ?? '';
      t.diagnostic(`values hover: ${text.slice(0, 400)}`);
      assert.match(text, /^\.Values\.replica\.replicaCount/);
      assert.match(text, /Effective value[^:]*:\s*3/);
      assert.match(text, new RegExp(`values\\.yaml line ${countLine} — chart default: 3`));
      assert.match(text, /values-production\.yaml line 2 — discovered, not in the render profile: 5/);
      assert.match(text, /values\.schema\.json: type number/);
      assert.match(text, /Read by \d+ templates? \(\d+ places?\):\s*templates\/\S+\.yaml line \d+/);
      await clipShot(page, '20-values-hover.png', [hover, lineNumber(page, 'values.yaml', countLine), lineText(page, 'values.yaml', /^\s*replicaCount:\s3$/)]);
      await page.keyboard.press('Escape');
      // The usual window for the other steps (shorter editors, the Problems panel near the code).
      await page.setViewportSize({ width: 1400, height: 900 });
    });

    await step(t, 'values file: completion of the keys templates read', async () => {
      await openFile(page, 'bitnami-redis/values-production.yaml');
      await languageIs(page, 'YAML');
      // Under `replica:` of this (discovered) file: the replica.* keys templates read that it does not set.
      await page.keyboard.press('Control+End');
      await page.keyboard.type('  ');
      const first = await suggestRow(page, /read by templates\//);
      const labels = await suggestLabels(page);
      t.diagnostic(`values completion: ${labels.join(', ')}`);
      assert.ok(labels.includes('affinity'), labels.join(', '));
      assert.ok(!labels.includes('replicaCount'), 'replicaCount is set in the file');
      assert.match((await first.textContent()) ?? '', /read by templates\/\S+:\d+/);
      const details = await showSuggestDetails(page, /not set in this file/);
      await clipShot(page, '21-values-completion.png', [page.locator('.suggest-widget.visible'), details, lineNumber(page, 'values-production.yaml', 1), lineText(page, 'values-production.yaml', /replicaCount:\s5/)]);
      await page.keyboard.press('Escape');
    });

    await step(t, 'template: inlay hints with the values of the last render', async () => {
      const tpl = redis('templates/replicas/application.yaml');
      const ifLine = lineOf(tpl, /^\{\{- if and \(eq \.Values\.architecture "replication"\)/);
      await openFile(page, 'bitnami-redis/templates/replicas/application.yaml');
      await languageIs(page, 'Helm Template');
      const text = await waitForText(page, 'application.yaml', /\.Values\.replica\.replicaCount\s?= 3 \}\}/);
      assert.match(text, /^kind: \{\{ \.Values\.replica\.kind\s?= StatefulSet \}\}$/m);
      assert.match(text, /revisionHistoryLimit: \{\{ \.Values\.replica\.revisionHistoryLimit\s?= 10 \}\}/);
      await parkMouse(page);
      await clipShot(page, '22-inlay-hint.png', [lineNumber(page, 'application.yaml', ifLine), lineText(page, 'application.yaml', /toYaml\s\.Values\.replica\.updateStrategy/)]);
    });

    await step(t, '_helpers.tpl: CodeLens on a define, click → its includes', async () => {
      const helpers = redis('templates/_helpers.tpl');
      const defineLine = lineOf(helpers, /^\{\{- define "redis\.image" -\}\}$/);
      await openFile(page, 'bitnami-redis/templates/_helpers.tpl');
      await languageIs(page, 'Helm Template Helpers');
      // The first define of the file, redis.image, carries the first lens.
      const lens = page.locator(`${groupOf('_helpers.tpl')} .codelens-decoration a`, { hasText: /^included \d+ times?$/ }).first();
      await lens.waitFor({ timeout: LONG });
      const title = (await lens.textContent()) ?? '';
      const n = Number(/\d+/.exec(title)?.[0]);
      t.diagnostic(`lens: ${title}`);
      assert.ok(n >= 2, title);
      await lens.click();
      const peek = page.locator('.peekview-widget').first();
      await peek.locator('.ref-tree .monaco-list-row').first().waitFor({ timeout: LONG });
      const head = (await peek.locator('.peekview-title').textContent()) ?? '';
      const rows = await peek.locator('.ref-tree .monaco-list-row').allTextContents();
      t.diagnostic(`peek: ${head} | ${rows.join(' | ')}`);
      assert.match(head, new RegExp(`\\(${n}\\)`));
      assert.ok(rows.some((r) => r.includes('application.yaml')), rows.join(' | '));
      // The peek shows one include call in its editor.
      await peek.locator('.view-line', { hasText: /redis\.image/ }).first().waitFor();
      await parkMouse(page);
      await page.waitForTimeout(1500); // the peek's scrollbars fade out
      await clipShot(page, '23-codelens-define.png', [lineNumber(page, '_helpers.tpl', defineLine - 3), lens, peek]);
      await page.keyboard.press('Escape');
    });

    const depLines = readFileSync(join(featuresDir(), 'ingress-nginx', 'templates', 'controller-deployment.yaml'), 'utf8').split('\n');
    const specLine = lineOf(depLines, /^spec:$/);
    const replicasLine = lineOf(depLines, /^ {2}replicas: \{\{ \.Values\.controller\.replicaCount \}\}$/);
    const minReadyLine = lineOf(depLines, /^ {2}minReadySeconds: /);
    const dnsPolicyLine = lineOf(depLines, /^ {6}dnsPolicy: /);
    const dep = 'controller-deployment.yaml';
    // Edits go from the bottom up, so the line numbers above stay right.
    await step(t, 'Deployment template: Kubernetes key completion', async () => {
      await openFile(page, 'ingress-nginx/templates/controller-deployment.yaml');
      await languageIs(page, 'Helm Template');
      // In the pod spec (spec.template.spec): PodSpec fields the template does not write, with their types.
      await goTo(page, dnsPolicyLine);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const row = await suggestRow(page, /^activeDeadlineSeconds/);
      const labels = await suggestLabels(page);
      t.diagnostic(`pod spec keys: ${labels.join(', ')}`);
      assert.ok(!labels.includes('containers') && !labels.includes('dnsPolicy'), 'keys the template writes are left out');
      assert.match((await row.textContent()) ?? '', /integer \(int64\)/);
      // Details beside the list (type and description of the focused field).
      const details = await showSuggestDetails(page, /Optional duration in seconds/);
      await clipShot(page, '24-k8s-completion.png', [page.locator('.suggest-widget.visible'), details, lineNumber(page, dep, dnsPolicyLine), lineText(page, dep, /dnsPolicy:/)]);
      await page.keyboard.press('Escape');
      // Under the Deployment's own spec: the one DeploymentSpec field the template never writes.
      await goTo(page, minReadyLine);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const paused = await suggestRow(page, /^paused/);
      assert.match((await paused.textContent()) ?? '', /boolean/);
      await page.keyboard.press('Escape');
    });

    await step(t, 'Deployment template: hover on a Kubernetes field', async () => {
      await goTo(page, replicasLine, 4);
      const hover = await showHover(page, /spec\.replicas/);
      const text = (await hover.textContent()) ?? '';
      t.diagnostic(`k8s hover: ${text}`);
      assert.match(text, /^replicas\s*:\s*integer \(int32\)/);
      assert.match(text, /Deployment\s*apps\/v1\s*·\s*spec\.replicas/);
      assert.match(text, /Number of desired pods/);
      assert.match(text, /Rendered \(last render\):\s*1/);
      await clipShot(page, '25-k8s-hover.png', [hover, lineNumber(page, dep, replicasLine), lineText(page, dep, /replicas:\s\{\{/)]);
      await page.keyboard.press('Escape');
    });

    await step(t, 'Deployment template: an unknown field flagged at its template line', async () => {
      await goTo(page, replicasLine);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('replicaz: 2');
      await waitForText(page, dep, /^ {2}replicaz: 2$/m);
      await showProblems(page);
      const row = await problemRow(page, /unknown field "spec\.replicaz"/);
      t.diagnostic(`problem: ${row}`);
      assert.match(row, /Deployment release-name-ingress-nginx-controller: unknown field "spec\.replicaz"/);
      assert.match(row, new RegExp(`Ln ${replicasLine + 1}, Col 1\\b`));
      await focusFirstGroup(page);
      await goTo(page, replicasLine + 1); // the Problems panel may have covered the cursor's line
      await squiggleOn(page, dep, lineText(page, dep, /replicaz:\s2/));
      // Scroll (Ctrl+Up moves the view, not the cursor) until the flagged line is near the bottom
      // of the editor, right above the Problems panel, with `spec:` still in view.
      const flagged = lineText(page, dep, /replicaz:\s2/);
      const editor = page.locator(`${groupOf(dep)} .monaco-editor`).first();
      for (let i = 0; i < 30; i++) {
        const l = await flagged.boundingBox();
        const e = await editor.boundingBox();
        if (l === null || e === null || l.y + 4 * l.height > e.y + e.height) break;
        await page.keyboard.press('Control+ArrowUp');
      }
      await parkMouse(page);
      const rowLoc = page.locator('.markers-panel .monaco-list-row', { hasText: /unknown field "spec\.replicaz"/ }).first();
      await clipShot(page, '26-k8s-unknown-field.png', [lineNumber(page, dep, replicasLine), lineText(page, dep, /replicaz:\s2/), rowLoc], { optional: [lineNumber(page, dep, specLine)], maxWidth: 1000 });
    });
  } catch (e) {
    await shown?.screenshot({ path: join(shots, '29-features-failure.png') }).catch(() => undefined);
    t.diagnostic(`code-server log (tail):\n${s.log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop(s);
  }
});

test("extension page: the README's screenshots show", { skip, timeout: 300_000 }, async (t) => {
  // VS Code's extension page keeps only https images for a local extension's README; the .vsix's
  // README links the screenshots from the published npm package (scripts/vsix-readme.mjs). This
  // machine is offline, so those https requests are answered from docs/images/ (the same files
  // the npm package ships): what is checked is that VS Code keeps and loads every link.
  const s = await startCodeServer(chartDir(), extensions, true);
  try {
    assert.ok(browser);
    let served = 0;
    const page = await openWorkbench(browser, s.url, (p) =>
      p.context().route(`${imagesBase}*`, async (route) => {
        const file = join(root, 'docs', 'images', new URL(route.request().url()).pathname.split('/').pop() ?? '');
        served++;
        await (existsSync(file) ? route.fulfill({ path: file, contentType: 'image/png' }) : route.fulfill({ status: 404 }));
      }),
    );
    await page.keyboard.press('Control+Shift+X');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Chartwright' }).first();
    await row.waitFor({ timeout: LONG });
    await row.click();
    await page.waitForSelector('.extension-editor');
    // The README is rendered in a webview (nested iframes): collect its images until all loaded
    // (naturalWidth > 0: a dropped or blocked source never loads).
    let images: { src: string; width: number }[] = [];
    for (let i = 0; i < 60; i++) {
      images = [];
      for (const frame of page.frames()) {
        const found = await frame
          .evaluate(() => [...(document as unknown as { images: Iterable<{ src: string; naturalWidth: number }> }).images].map((im) => ({ src: im.src, width: im.naturalWidth })))
          .catch(() => []);
        images.push(...found.filter((im) => im.src.startsWith(imagesBase)));
      }
      if (images.length >= readmeImages && images.every((im) => im.width > 0)) break;
      await page.waitForTimeout(500);
    }
    t.diagnostic(`README images: ${images.length} (served ${served}), widths ${images.map((im) => im.width).join(' ')}`);
    for (const frame of page.frames()) {
      await frame
        .evaluate((base) => {
          const imgs = [...(document as unknown as { images: Iterable<{ src: string; scrollIntoView(): void }> }).images];
          imgs.find((im) => im.src.startsWith(base))?.scrollIntoView();
        }, imagesBase)
        .catch(() => undefined);
    }
    await page.waitForTimeout(500);
    await page.locator('.extension-editor').screenshot({ path: join(shots, '90-extension-page.png') });
    assert.equal(images.length, readmeImages, `the README has ${readmeImages} screenshots, the page shows ${images.length}`);
    for (const im of images) assert.ok(im.width > 0, `an image did not load: ${im.src}`);
  } catch (e) {
    t.diagnostic(`code-server log (tail):\n${s.log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop(s);
  }
});
