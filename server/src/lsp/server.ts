// The language server: capabilities, one small handler per request (each calling one analysis
// function on the current snapshot), debounced diagnostics published against document
// versions, full lint on save. Renders never run on this thread: the render service's workers
// render each chart (cancelled by newer edits) and the finished outcome is installed in the
// snapshot caches, from which render diagnostics are published and completion/hover read.
// Handlers never throw: errors are logged and answered with an empty result.
import { type CompletionItem, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResourceLimits } from 'node:worker_threads';
import { completeList, resolveDocumentation } from '../analysis/completion';
import { archiveDocText } from '../analysis/archivedoc';
import { definition } from '../analysis/definition';
import { CODES } from '../analysis/codes';
import { diagnostics } from '../analysis/diagnostics';
import type { LintFinding } from '../analysis/lintdiag';
import type { AnalysisHost, AnalysisSettings } from '../analysis/host';
import { hover } from '../analysis/hover';
import { valueHints } from '../analysis/inlay';
import { Workspace } from '../analysis/snapshot';
import { references } from '../analysis/references';
import { signatureHelp } from '../analysis/signature';
import { documentSymbols } from '../analysis/symbols';
import { listLenses, resolveLens } from './codelens';
import { archiveUriToPath, asResolveData, lineIndex, pathToUri, toLspSignatureHelp, toLspCompletion, toLspCompletionList, toLspDiagnostic, toLspLocation, toLspSymbol, uriToPath } from './convert';
import { type ArchiveFileParams, ArchiveFileRequest, type ArchiveFileResult, DryRunRequest, type DryRunParams, type DryRunResult, RenderRequest, type RenderParams, type RenderResult, ServerStatsRequest, type ServerStatsResult } from './protocol';
import { EMPTY_LINE_MAP } from './lineMap';
import { PublishQueue } from './publishQueue';
import { RenderService } from './renderService';
import { threadStats } from './threadStats';
import { type EditorSettings, SETTINGS_SECTION, parseEditorSettings, parseSettings } from './settings';
import { TrustState } from './trust';

/** ServerOptions tune timing (tests use short delays). */
export interface ServerOptions {
  /** debounceMs: delay after the last change before fast diagnostics (parse, values; a few ms of work). */
  readonly debounceMs?: number;
  /** renderDelayMs: further idle time before the render pass is asked for (a few ms: renders are cancellable). */
  readonly renderDelayMs?: number;
  /** maxRenderWorkers: chart roots rendered in parallel worker threads (default 2). */
  readonly maxRenderWorkers?: number;
  /** idleWorkerMs: idle time after which a render worker other than the most recently used is terminated (default 20 s). */
  readonly idleWorkerMs?: number;
  /** workerResourceLimits: extra limits of each render worker (tests: a small heap). */
  readonly workerResourceLimits?: ResourceLimits;
  /** onRender observes every finished or cancelled render (tests, bench). */
  readonly onRender?: (e: RenderEvent) => void;
}

/** RenderEvent reports one render ask of a chart root. */
export interface RenderEvent {
  readonly root: string;
  readonly kind: 'rendered' | 'cancelled' | 'failed';
  /** published: its diagnostics were published (it was still current). */
  readonly published: boolean;
  readonly ms?: number;
}

/** ChartFilesInputs: what a chart's closed Chart.yaml/values.yaml diagnostics were computed from. */
interface ChartFilesInputs {
  readonly model: object;
  readonly rendered: boolean;
  readonly outcome: object | undefined;
  readonly lint: readonly LintFinding[] | undefined;
  readonly settings: AnalysisSettings;
  /** open: which of the two files are open (open ones are published as documents). */
  readonly open: string;
}

const NO_FINDINGS: readonly LintFinding[] = [];

function sameInputs(a: ChartFilesInputs, b: ChartFilesInputs): boolean {
  return a.model === b.model && a.rendered === b.rendered && a.outcome === b.outcome && a.lint === b.lint && a.settings === b.settings && a.open === b.open;
}

/** LiveServer is what startServer returns: the workspace and the render service. */
export interface LiveServer {
  readonly ws: Workspace;
  readonly renders: RenderService;
}

/** startServer wires all handlers on `connection` and starts listening. */
export function startServer(connection: Connection, host: AnalysisHost, opts: ServerOptions = {}): LiveServer {
  const debounceMs = opts.debounceMs ?? 10;
  const renderDelayMs = opts.renderDelayMs ?? 5;
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(host);
  const timers = new Map<string, NodeJS.Timeout>();
  const trust = new TrustState();
  /** lintOn: documents whose published diagnostics include `helm lint` findings (saved, unchanged since). */
  const lintOn = new Set<string>();
  /** linted: per chart root, the `helm lint` findings its render worker computed at the last save. */
  const linted = new Map<string, readonly LintFinding[]>();
  let pullConfig = false;
  let editRangeDefault = false;
  let inlayRefresh = false;
  let editor: EditorSettings = parseEditorSettings(undefined);

  /** gone: the client closed the connection; nothing can be published or logged to it any more. */
  let gone = false;
  const isDisposed = (e: unknown): boolean => e instanceof Error && e.message === 'Connection is disposed.';

  const log = (msg: string, e?: unknown): void => {
    // A render that finishes after the client went away has nowhere to go: not an error.
    if (isDisposed(e)) gone = true;
    if (gone) return;
    const detail = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : e === undefined ? '' : String(e);
    try {
      connection.console.error(`${msg}${detail !== '' ? ': ' + detail : ''}`);
    } catch (e2) {
      if (isDisposed(e2)) gone = true;
      else process.stderr.write(`${msg} ${detail}\n`);
    }
  };

  const service = new RenderService(host, { maxWorkers: opts.maxRenderWorkers, idleWorkerMs: opts.idleWorkerMs, resourceLimits: opts.workerResourceLimits, log: (m) => log(m) });

  function safe<P, R>(name: string, fallback: R, fn: (p: P) => R): (p: P) => R {
    return (p: P): R => {
      try {
        return fn(p);
      } catch (e) {
        log(`chartwright: ${name} failed`, e);
        return fallback;
      }
    };
  }

  const textOf = (path: string): string | undefined => ws.snapshot().text(path);

  /**
   * sent: per open document, the last publication (version and diagnostics as JSON) and whether
   * it was a render publication. A render publication identical to the previous render one of
   * the same version is not sent again (the other open documents after each render of a chart).
   */
  const sent = new Map<string, { readonly withRender: boolean; readonly json: string }>();

  const publish = (uri: string, withRender: boolean): void => {
    const path = uriToPath(uri);
    const doc = documents.get(uri);
    if (path === undefined || doc === undefined) return;
    const snap = ws.snapshot();
    const version = snap.version(path);
    // Render diagnostics only from a render of exactly this snapshot's inputs (never render here).
    const dc = withRender ? snap.docChart(path) : undefined;
    if (dc !== undefined && !snap.hasCurrentRender(dc.model)) return;
    // Lint findings: every open document after a save; an open Chart.yaml/values.yaml also once the chart loaded.
    const chartRoot = snap.chartRoot(path);
    const chartFile = chartRoot !== undefined && lintRoots.has(chartRoot) && (path === `${chartRoot}/Chart.yaml` || path === `${chartRoot}/values.yaml`);
    const root = lintOn.has(uri) || chartFile ? chartRoot : undefined;
    const diags = diagnostics(snap, path, { render: withRender, lintFindings: root !== undefined ? (linted.get(root) ?? []) : undefined, renderFollows: true });
    // Drop results of a snapshot that changed meanwhile (a newer run will publish).
    if (!snap.isCurrent() || documents.get(uri)?.version !== version) return;
    const idx = lineIndex(doc.getText());
    const lsp = diags.map((d) => toLspDiagnostic(d, idx, textOf));
    const json = `${version}\n${JSON.stringify(lsp)}`;
    const last = sent.get(uri);
    if (withRender && last?.withRender === true && last.json === json) return;
    sent.set(uri, { withRender, json });
    void connection.sendDiagnostics({ uri, version, diagnostics: lsp });
  };

  const rootOf = (uri: string): string | undefined => {
    const path = uriToPath(uri);
    return path !== undefined ? ws.snapshot().chartRoot(path) : undefined;
  };

  /** live: per chart root, whether a render is running and whether a newer one is wanted. */
  const live = new Map<string, { running: boolean; again: boolean }>();

  /** requestRender asks the root's worker for a render of the current inputs (one at a time per root). */
  const requestRender = (root: string): void => {
    let st = live.get(root);
    if (st === undefined) {
      st = { running: false, again: false };
      live.set(root, st);
    }
    if (st.running) {
      st.again = true;
      return;
    }
    const snap = ws.snapshot();
    const model = snap.model(root);
    if (model.chart === undefined) return;
    if (snap.hasCurrentRender(model)) return publishChart(root);
    const key = snap.renderKey(model);
    const state = st;
    state.running = true;
    // The texts this thread has of the tree's templates: the outcome's equal ones are shared.
    let own: Map<string, string> | undefined;
    const ownText = (p: string): string | undefined => {
      own ??= new Map(snap.templates(model).flatMap((t) => (t.path !== undefined ? [[t.path, t.text] as const] : [])));
      return own.get(p);
    };
    void service.render(root, model.prepared?.charts, ownText).then(
      (r) => {
        state.running = false;
        if (r.kind === 'rendered') ws.snapshot().installRender(model, key, r.outcome);
        else if (r.kind === 'failed') log(`chartwright: render of ${root} failed`, r.message);
        const current = r.kind === 'rendered' && ws.snapshot().renderKey(ws.snapshot().model(root)) === key;
        opts.onRender?.({ root, kind: r.kind, published: current && !state.again, ms: r.kind === 'rendered' ? r.ms : undefined });
        if (state.again) {
          state.again = false;
          requestRender(root);
        } else if (current) {
          safe('render diagnostics', undefined, () => publishChart(root))(undefined);
          lintOnLoad(root);
        }
      },
      (e: unknown) => {
        state.running = false;
        log('chartwright: render failed', e);
      },
    );
  };

  /** invalidate cancels the running render of the chart owning `uri` (a newer one will be asked for). */
  const invalidate = (uri: string): void => {
    const root = rootOf(uri);
    const st = root !== undefined ? live.get(root) : undefined;
    if (root === undefined || st === undefined || !st.running) return;
    st.again = true;
    service.cancel(root);
  };

  /** lintRoots: charts saved or loaded since their last edit (their Chart.yaml/values.yaml carry lint findings). */
  const lintRoots = new Set<string>();
  /** loadLinted: charts whose `helm lint` ran after their first render (again after a file changed on disk). */
  const loadLinted = new Set<string>();

  /**
   * lintOnLoad runs `helm lint` in the chart's worker after its first render, so Chart.yaml and
   * values.yaml findings ("icon is recommended", a bad version, missing dependencies) show for
   * a chart once it is loaded, not only after a save; an edit clears them as it does after a save.
   */
  const lintOnLoad = (root: string): void => {
    if (loadLinted.has(root)) return;
    loadLinted.add(root);
    lintRoots.add(root);
    lintInWorker(root);
  };

  /**
   * publishChartFiles publishes the diagnostics of a chart's Chart.yaml and values.yaml when they
   * are not open (open ones are published as documents): load and values errors, schema
   * violations and unused keys from the current render, `helm lint` findings after a save. An
   * empty list clears what a fixed file showed before.
   */
  const publishChartFiles = (root: string): void => {
    const snap = ws.snapshot();
    const model = snap.model(root);
    // Their diagnostics depend on the model, the lint findings and the settings, and on the render
    // only through values-unused when it is more than a hint: skip what was published already.
    const unused = snap.settings.severity['values-unused'] ?? CODES['values-unused'].severity;
    const rendered = snap.hasCurrentRender(model);
    const inputs: ChartFilesInputs = {
      model,
      rendered,
      outcome: rendered && unused !== 'hint' && unused !== 'off' ? snap.lastRender(model) : undefined,
      lint: lintRoots.has(root) ? (linted.get(root) ?? NO_FINDINGS) : undefined,
      settings: snap.settings,
      open: ['Chart.yaml', 'values.yaml'].map((n) => documents.get(pathToUri(`${root}/${n}`)) !== undefined).join(),
    };
    const last = chartFilesSent.get(root);
    if (last !== undefined && sameInputs(last, inputs)) return;
    chartFilesSent.set(root, inputs);
    for (const name of ['Chart.yaml', 'values.yaml']) {
      const p = `${root}/${name}`;
      const u = pathToUri(p);
      if (documents.get(u) !== undefined) continue;
      const text = snap.text(p);
      if (text === undefined) continue;
      const diags = diagnostics(snap, p, { render: rendered, lintFindings: inputs.lint, closedFile: true });
      if (!snap.isCurrent()) {
        chartFilesSent.delete(root);
        return;
      }
      const idx = lineIndex(text);
      void connection.sendDiagnostics({ uri: u, diagnostics: diags.map((d) => toLspDiagnostic(d, idx, textOf)) });
    }
  };

  /** chartFilesSent: per chart root, what its closed Chart.yaml/values.yaml were last published from. */
  const chartFilesSent = new Map<string, ChartFilesInputs>();

  /** queue: the open documents waiting for their render diagnostics (one per macrotask). */
  const queue = new PublishQueue((uri) => {
    if (!timers.has(uri)) safe('render diagnostics', undefined, () => publish(uri, true))(undefined);
  });
  /** lastEdited: the document edited last (its render diagnostics go first). */
  let lastEdited: string | undefined;

  /**
   * publishChart publishes the render diagnostics of a chart tree: its closed chart files now (a
   * first publication precedes the lint-on-load findings), its open documents through the queue,
   * the one edited last first.
   */
  const publishChart = (root: string): void => {
    safe('chart files', undefined, () => publishChartFiles(root))(undefined);
    refreshInlays();
    const snap = ws.snapshot();
    for (const d of documents.all()) {
      if (timers.has(d.uri)) continue;
      const p = uriToPath(d.uri);
      if (p !== undefined && snap.chartRoot(p) === root) queue.add(d.uri, d.uri === lastEdited);
    }
  };

  const schedule = (uri: string): void => {
    const old = timers.get(uri);
    if (old !== undefined) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        safe('diagnostics', undefined, () => publish(uri, false))(undefined);
        timers.set(
          uri,
          setTimeout(() => {
            timers.delete(uri);
            const root = rootOf(uri);
            if (root !== undefined) safe('render', undefined, () => requestRender(root))(undefined);
          }, renderDelayMs),
        );
      }, debounceMs),
    );
  };

  /** lintAll republishes every document (fast + lint when asked) and asks for renders of every open chart. */
  const lintAll = (withLint = false): void => {
    const roots = new Set<string>();
    for (const d of documents.all()) {
      const old = timers.get(d.uri);
      if (old !== undefined) clearTimeout(old);
      timers.delete(d.uri);
      if (withLint) lintOn.add(d.uri);
      invalidate(d.uri);
      safe('diagnostics', undefined, () => publish(d.uri, false))(undefined);
      const root = rootOf(d.uri);
      if (root !== undefined) roots.add(root);
      if (root !== undefined && withLint) lintRoots.add(root);
    }
    for (const root of roots) safe('render', undefined, () => requestRender(root))(undefined);
    // `helm lint` runs in the chart's worker, after its render; its findings are published with the render's.
    if (withLint) for (const root of roots) lintInWorker(root);
  };

  const lintInWorker = (root: string, retries = 1): void => {
    linted.delete(root);
    void service.lint(root).then((findings) => {
      // A lint asked at a save can be answered by no worker or as cancelled: the save also reaches
      // the server as a file changed on disk (which replaces the workers) and republishes every
      // document (which cancels the chart's running work). Ask once more.
      if (findings === undefined && retries > 0 && lintRoots.has(root)) return lintInWorker(root, retries - 1);
      if (findings === undefined) return log(`chartwright: lint of ${root} failed`);
      linted.set(root, findings);
      safe('lint diagnostics', undefined, () => publishChart(root))(undefined);
    });
  };

  const sync = (doc: TextDocument): void => {
    const path = uriToPath(doc.uri);
    if (path === undefined) return;
    const text = doc.getText();
    // Opening a file as it is on disk changes nothing the lint saw; an edit does.
    const edited = ws.snapshot().text(path) !== text;
    ws.changeDocument(path, doc.version, text);
    service.setDoc(path, { version: doc.version, text });
    lintOn.delete(doc.uri);
    if (edited) lastEdited = doc.uri;
    const root = ws.snapshot().chartRoot(path);
    if (root !== undefined && edited) lintRoots.delete(root);
    invalidate(doc.uri);
    schedule(doc.uri);
  };

  /** applySettings gives the analysis and the render workers the same settings (workspace trust applied). */
  const applySettings = (s: AnalysisSettings): void => {
    const t = trust.apply(s);
    ws.setSettings(t);
    service.setSettings(t);
  };
  const setSettings = (raw: unknown): void => {
    editor = parseEditorSettings(raw);
    applySettings(parseSettings(raw));
    refreshInlays();
  };

  /** refreshInlays asks the client to ask again for inlay hints (a render finished, a setting changed). */
  const refreshInlays = (): void => {
    if (inlayRefresh && !gone) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };

  const refreshSettings = async (): Promise<void> => {
    if (!pullConfig) return;
    try {
      const cfg: unknown = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      setSettings(cfg);
      lintAll();
    } catch (e) {
      log('chartwright: reading configuration failed', e);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfig = params.capabilities.workspace?.configuration === true;
    inlayRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    editRangeDefault = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (folders.length === 0 && typeof params.rootUri === 'string') folders.push(uriToPath(params.rootUri));
    host.setWorkspaceRoots?.(folders.filter((f): f is string => f !== undefined));
    const init: unknown = params.initializationOptions;
    trust.initialize(params);
    const initSettings: unknown = init !== null && typeof init === 'object' && SETTINGS_SECTION in init ? (init as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    editor = parseEditorSettings(initSettings);
    applySettings(initSettings !== undefined ? parseSettings(initSettings) : ws.snapshot().settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['.', '"', '$', '/'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        referencesProvider: true,
        signatureHelpProvider: { triggerCharacters: [' ', '('], retriggerCharacters: [' ', '|'] },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: true },
      },
      serverInfo: { name: 'chartwright' },
    };
  });
  connection.onInitialized(() => void refreshSettings());
  connection.onDidChangeConfiguration((p) => {
    const raw: unknown = p.settings;
    if (raw !== null && typeof raw === 'object' && SETTINGS_SECTION in raw) {
      setSettings((raw as Record<string, unknown>)[SETTINGS_SECTION]);
      lintAll();
    } else void refreshSettings();
  });
  trust.listen(connection, () => {
    applySettings(ws.snapshot().settings);
    lintAll();
  });
  connection.onDidChangeWatchedFiles((p) => {
    // A chart file changed outside the editor (not a saved buffer: save lints): lint it again after its next render.
    for (const c of p.changes) {
      const root = documents.get(c.uri) === undefined ? rootOf(c.uri) : undefined;
      if (root !== undefined) {
        loadLinted.delete(root);
        lintRoots.delete(root);
      }
    }
    ws.filesChanged();
    service.filesChanged();
    lintAll();
  });

  documents.onDidOpen((e) => {
    // The chart files are published again after the next render (an editor opening a chart shows them afresh).
    chartFilesSent.clear();
    sync(e.document);
  });
  documents.onDidChangeContent((e) => sync(e.document));
  // Saved buffers already are the analysed text: only the full lint (with render) is new.
  documents.onDidSave(() => lintAll(true));
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t !== undefined) clearTimeout(t);
    timers.delete(e.document.uri);
    lintOn.delete(e.document.uri);
    queue.delete(e.document.uri);
    sent.delete(e.document.uri);
    if (path !== undefined) {
      ws.closeDocument(path);
      service.setDoc(path, null);
    }
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const at = (uri: string, pos: { line: number; character: number }): { path: string; offset: number } | undefined => {
    const path = uriToPath(uri);
    const doc = documents.get(uri);
    if (path === undefined) return undefined;
    const text = doc?.getText() ?? ws.snapshot().text(path);
    if (text === undefined) return undefined;
    return { path, offset: lineIndex(text).offsetAt(pos) };
  };

  connection.onCompletion(
    safe('completion', [], (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (a === undefined) return [];
      const snap = ws.snapshot();
      const idx = lineIndex(snap.text(a.path) ?? '');
      const { entries, incomplete } = completeList(snap, a.path, a.offset);
      if (!editRangeDefault || entries.length === 0) {
        const items = entries.map((e) => toLspCompletion(e, idx));
        return incomplete ? { isIncomplete: true, items } : items;
      }
      // Every entry of one request replaces the same range: send it once (itemDefaults).
      return toLspCompletionList(entries, idx, incomplete);
    }),
  );
  connection.onCompletionResolve(
    safe('completionItem/resolve', undefined, (item: CompletionItem) => {
      const data = asResolveData(item.data);
      if (data === undefined || item.documentation !== undefined) return item;
      const md = resolveDocumentation(ws.snapshot(), data);
      return md === undefined ? item : { ...item, documentation: { kind: 'markdown', value: md } };
    }) as (item: CompletionItem) => CompletionItem,
  );
  connection.onHover(
    safe('hover', null, (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (a === undefined) return null;
      const snap = ws.snapshot();
      const h = hover(snap, a.path, a.offset);
      if (h === undefined) return null;
      return { contents: { kind: 'markdown', value: h.markdown }, range: lineIndex(snap.text(a.path) ?? '').range(h) };
    }),
  );
  connection.onDefinition(
    safe('definition', [], (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (a === undefined) return [];
      const snap = ws.snapshot();
      const t = (path: string): string | undefined => snap.text(path) ?? archiveDocText(snap, path);
      return definition(snap, a.path, a.offset).flatMap((l) => toLspLocation(l, t) ?? []);
    }),
  );
  connection.onReferences(
    safe('references', [], (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (a === undefined) return [];
      const snap = ws.snapshot();
      const t = (path: string): string | undefined => snap.text(path) ?? archiveDocText(snap, path);
      return references(snap, a.path, a.offset, p.context.includeDeclaration).flatMap((l) => toLspLocation(l, t) ?? []);
    }),
  );
  connection.onSignatureHelp(
    safe('signatureHelp', null, (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (a === undefined) return null;
      const s = signatureHelp(ws.snapshot(), a.path, a.offset);
      if (s === undefined) return null;
      return toLspSignatureHelp(s);
    }),
  );
  connection.languages.inlayHint.on(
    safe('inlayHint', [], (p) => {
      const path = uriToPath(p.textDocument.uri);
      if (path === undefined || !editor.inlayValues) return [];
      const snap = ws.snapshot();
      const idx = lineIndex(snap.text(path) ?? '');
      const hints = valueHints(snap, path, idx.offsetAt(p.range.start), idx.offsetAt(p.range.end));
      return hints.map((h) => ({ position: idx.positionAt(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: true }));
    }),
  );
  connection.onDocumentSymbol(
    safe('documentSymbol', [], (p) => {
      const path = uriToPath(p.textDocument.uri);
      if (path === undefined) return [];
      const snap = ws.snapshot();
      const idx = lineIndex(snap.text(path) ?? '');
      return documentSymbols(snap, path).map((s) => toLspSymbol(s, idx));
    }),
  );
  connection.onCodeLens(safe('codeLens', [], (p) => listLenses(ws, p)));
  connection.onCodeLensResolve(safe('codeLens/resolve', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, (l) => resolveLens(ws, l)));
  // The preview and the dry run are answered by the chart's render worker (its mirror has the
  // same buffers: they were posted before the request), never on this thread.
  const inWorker = async <R extends RenderResult | DryRunResult>(name: string, uri: string, ask: (root: string) => Promise<R | { readonly failed: string }>, fallback: R): Promise<R> => {
    try {
      const path = uriToPath(uri);
      const root = path !== undefined ? ws.snapshot().chartRoot(path) : undefined;
      if (path === undefined) return { ...fallback, error: `not a file: ${uri}` };
      if (root === undefined) return { ...fallback, error: `${path} is not inside a chart (no Chart.yaml found)` };
      const r = await ask(root);
      if ('failed' in r) {
        log(`chartwright: ${name} failed`, r.failed);
        return fallback;
      }
      return r;
    } catch (e) {
      log(`chartwright: ${name} failed`, e);
      return fallback;
    }
  };
  connection.onRequest(RenderRequest.method, (p: RenderParams) =>
    inWorker<RenderResult>(
      'chartwright/render',
      p.uri,
      (root) => service.request(root, { method: 'render', params: p }) as Promise<RenderResult | { readonly failed: string }>,
      { text: '', error: 'internal error (see the server log)', lineMap: EMPTY_LINE_MAP },
    ),
  );
  connection.onRequest(DryRunRequest.method, (p: DryRunParams) =>
    inWorker<DryRunResult>(
      'chartwright/dryRun',
      p.uri,
      (root) => service.request(root, { method: 'dryRun', params: p }) as Promise<DryRunResult | { readonly failed: string }>,
      { text: '', error: 'internal error (see the server log)' },
    ),
  );
  // Read-only documents of files inside packaged dependencies (go to definition into charts/*.tgz).
  connection.onRequest(
    ArchiveFileRequest.method,
    safe('chartwright/archiveFile', null, (p: ArchiveFileParams): ArchiveFileResult => {
      const path = archiveUriToPath(p.uri);
      const text = path !== undefined ? archiveDocText(ws.snapshot(), path) : undefined;
      return text === undefined ? null : { text };
    }),
  );
  // Memory of every thread (bench/lsp.ts): which heap holds what.
  connection.onRequest(ServerStatsRequest.method, async (): Promise<ServerStatsResult> => {
    const workers: Record<string, unknown> = {};
    for (const [root, s] of await service.stats()) workers[root] = s;
    return { rssMB: Math.round(process.memoryUsage.rss() / 1e5) / 10, main: threadStats(ws), workers };
  });
  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    queue.dispose();
    service.dispose();
  });
  connection.onExit(() => service.dispose());

  documents.listen(connection);
  connection.listen();
  return { ws, renders: service };
}
