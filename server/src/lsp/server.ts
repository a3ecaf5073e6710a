// The language server: capabilities, one small handler per request (each calling one analysis
// function on the current snapshot), debounced diagnostics published against document
// versions, full lint (with a render of the chart) on save. Handlers never throw: errors are
// logged and answered with an empty result.
import { type CompletionItem, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, resolveDocumentation } from '../analysis/completion';
import { definition } from '../analysis/definition';
import { diagnostics } from '../analysis/diagnostics';
import type { AnalysisHost } from '../analysis/host';
import { hover } from '../analysis/hover';
import { Workspace } from '../analysis/snapshot';
import { references } from '../analysis/references';
import { signatureHelp } from '../analysis/signature';
import { documentSymbols } from '../analysis/symbols';
import { asResolveData, lineIndex, toLspSignatureHelp, toLspCompletion, toLspCompletionList, toLspDiagnostic, toLspLocation, toLspSymbol, uriToPath } from './convert';
import { DryRunRequest, type DryRunParams, type DryRunResult, RenderRequest, type RenderParams, type RenderResult } from './protocol';
import { handleDryRun, handleRender } from './requests';
import { SETTINGS_SECTION, parseSettings } from './settings';
import { TrustState } from './trust';

/** ServerOptions tune timing (tests use short delays). */
export interface ServerOptions {
  /** debounceMs: delay after the last change before fast diagnostics (parse, values; a few ms of work). */
  readonly debounceMs?: number;
  /** renderDelayMs: further idle time before the render pass runs after edits. */
  readonly renderDelayMs?: number;
}

/** startServer wires all handlers on `connection` and starts listening. */
export function startServer(connection: Connection, host: AnalysisHost, opts: ServerOptions = {}): Workspace {
  const debounceMs = opts.debounceMs ?? 10;
  const renderDelayMs = opts.renderDelayMs ?? 600;
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(host);
  const timers = new Map<string, NodeJS.Timeout>();
  const trust = new TrustState();
  let pullConfig = false;
  let editRangeDefault = false;

  const log = (msg: string, e?: unknown): void => {
    const detail = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : e === undefined ? '' : String(e);
    try {
      connection.console.error(`${msg}${detail !== '' ? ': ' + detail : ''}`);
    } catch {
      process.stderr.write(`${msg} ${detail}\n`);
    }
  };

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

  const publish = (uri: string, withRender: boolean, withLint = false): void => {
    const path = uriToPath(uri);
    const doc = documents.get(uri);
    if (path === undefined || doc === undefined) return;
    const snap = ws.snapshot();
    const version = snap.version(path);
    const diags = diagnostics(snap, path, { render: withRender, lint: withLint });
    // Drop results of a snapshot that changed meanwhile (a newer run will publish).
    if (!snap.isCurrent() || documents.get(uri)?.version !== version) return;
    const idx = lineIndex(doc.getText());
    void connection.sendDiagnostics({ uri, version, diagnostics: diags.map((d) => toLspDiagnostic(d, idx, textOf)) });
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
            safe('render diagnostics', undefined, () => publishChart(uri))(undefined);
          }, renderDelayMs),
        );
      }, debounceMs),
    );
  };

  /** publishChart runs the render pass for `uri` and every other open document of its chart tree (values.yaml hints, YAML problems elsewhere). */
  const publishChart = (uri: string): void => {
    publish(uri, true);
    const path = uriToPath(uri);
    const snap = ws.snapshot();
    const root = path !== undefined ? snap.chartRoot(path) : undefined;
    if (root === undefined) return;
    for (const d of documents.all()) {
      if (d.uri === uri || timers.has(d.uri)) continue;
      const p = uriToPath(d.uri);
      if (p !== undefined && snap.chartRoot(p) === root) safe('render diagnostics', undefined, () => publish(d.uri, true))(undefined);
    }
  };

  const lintAll = (withLint = false): void => {
    for (const d of documents.all()) {
      const old = timers.get(d.uri);
      if (old !== undefined) clearTimeout(old);
      timers.delete(d.uri);
      safe('lint', undefined, () => publish(d.uri, true, withLint))(undefined);
    }
  };

  const sync = (doc: TextDocument): void => {
    const path = uriToPath(doc.uri);
    if (path === undefined) return;
    ws.changeDocument(path, doc.version, doc.getText());
    schedule(doc.uri);
  };

  const refreshSettings = async (): Promise<void> => {
    if (!pullConfig) return;
    try {
      const cfg: unknown = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      ws.setSettings(trust.apply(parseSettings(cfg)));
      lintAll();
    } catch (e) {
      log('chartwright: reading configuration failed', e);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfig = params.capabilities.workspace?.configuration === true;
    editRangeDefault = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (folders.length === 0 && typeof params.rootUri === 'string') folders.push(uriToPath(params.rootUri));
    host.setWorkspaceRoots?.(folders.filter((f): f is string => f !== undefined));
    const init: unknown = params.initializationOptions;
    trust.initialize(params);
    const initSettings = init !== null && typeof init === 'object' && SETTINGS_SECTION in init ? parseSettings((init as Record<string, unknown>)[SETTINGS_SECTION]) : ws.snapshot().settings;
    ws.setSettings(trust.apply(initSettings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['.', '"', '$', '/'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        referencesProvider: true,
        signatureHelpProvider: { triggerCharacters: [' ', '('], retriggerCharacters: [' ', '|'] },
      },
      serverInfo: { name: 'chartwright' },
    };
  });
  connection.onInitialized(() => void refreshSettings());
  connection.onDidChangeConfiguration((p) => {
    const raw: unknown = p.settings;
    if (raw !== null && typeof raw === 'object' && SETTINGS_SECTION in raw) {
      ws.setSettings(trust.apply(parseSettings((raw as Record<string, unknown>)[SETTINGS_SECTION])));
      lintAll();
    } else void refreshSettings();
  });
  trust.listen(connection, () => {
    ws.setSettings(trust.apply(ws.snapshot().settings));
    lintAll();
  });
  connection.onDidChangeWatchedFiles(() => {
    ws.filesChanged();
    lintAll();
  });

  documents.onDidOpen((e) => sync(e.document));
  documents.onDidChangeContent((e) => sync(e.document));
  // Saved buffers already are the analysed text: only the full lint (with render) is new.
  documents.onDidSave(() => lintAll(true));
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t !== undefined) clearTimeout(t);
    timers.delete(e.document.uri);
    if (path !== undefined) ws.closeDocument(path);
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
      const entries = complete(snap, a.path, a.offset);
      if (!editRangeDefault || entries.length === 0) return entries.map((e) => toLspCompletion(e, idx));
      // Every entry of one request replaces the same range: send it once (itemDefaults).
      return toLspCompletionList(entries, idx);
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
      const t = (path: string): string | undefined => snap.text(path);
      return definition(snap, a.path, a.offset).flatMap((l) => toLspLocation(l, t) ?? []);
    }),
  );
  connection.onReferences(
    safe('references', [], (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (a === undefined) return [];
      const snap = ws.snapshot();
      const t = (path: string): string | undefined => snap.text(path);
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
  connection.onDocumentSymbol(
    safe('documentSymbol', [], (p) => {
      const path = uriToPath(p.textDocument.uri);
      if (path === undefined) return [];
      const snap = ws.snapshot();
      const idx = lineIndex(snap.text(path) ?? '');
      return documentSymbols(snap, path).map((s) => toLspSymbol(s, idx));
    }),
  );
  connection.onRequest(
    RenderRequest.method,
    safe<RenderParams, RenderResult>('chartwright/render', { text: '', error: 'internal error (see the server log)', sourceMap: [] }, (p) => handleRender(ws, p)),
  );
  connection.onRequest(
    DryRunRequest.method,
    safe<DryRunParams, DryRunResult>('chartwright/dryRun', { text: '', error: 'internal error (see the server log)' }, (p) => handleDryRun(ws, p)),
  );
  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
  return ws;
}
