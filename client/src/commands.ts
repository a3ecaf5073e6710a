// The extension's commands: preview, built-in dry run (server request), dry run with the real helm
// binary (trusted workspaces only), values file selection and server restart.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type DryRunParams, DryRunRequest, type DryRunResult, ShowReferencesCommand } from '../../server/src/lsp/protocol';
import { checkReleaseName, externalBinaryAllowed, formatHelmFailure, helmDryRun, type HelmInvocation } from './commands-core';
import { enclosingChartOf } from './detect-core';
import { DRY_RUN_SOURCE, dryRunSummary, groupProblems } from './dryrun-core';
import type { PreviewProvider } from './preview';
import { chartSourceOf } from './preview-core';
import { readSettings, writeValuesFiles } from './settings';

/** Position and LspLocation are the LSP shapes a CodeLens passes to ShowReferencesCommand. */
interface Position {
  readonly line: number;
  readonly character: number;
}
interface LspLocation {
  readonly uri: string;
  readonly range: { readonly start: Position; readonly end: Position };
}

/** CommandDeps are what the commands need from the extension. */
export interface CommandDeps {
  readonly client: () => LanguageClient | undefined;
  readonly restart: () => Promise<void>;
  readonly preview: PreviewProvider;
  /** dryRunProblems holds the Kubernetes schema problems of the last built-in dry run. */
  readonly dryRunProblems: vscode.DiagnosticCollection;
}

/** activeChart is the chart of the active editor; a preview stands for its source document. */
async function activeChart(): Promise<{ doc: vscode.TextDocument; chartDir: string } | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const source = active === undefined ? undefined : chartSourceOf(active.uri, active.uri.toString());
  let doc: vscode.TextDocument | undefined;
  if (active !== undefined && source === active.uri.toString()) doc = active;
  else if (source !== undefined) {
    doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source);
    if (doc === undefined) doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(source)).then((d) => d, () => undefined);
  }
  const chartDir = doc?.uri.scheme === 'file' ? enclosingChartOf(doc.uri.fsPath, existsSync) : undefined;
  if (doc === undefined || chartDir === undefined) {
    void vscode.window.showWarningMessage('Chartwright: open a file of a Helm chart (a folder with Chart.yaml) first.');
    return undefined;
  }
  return { doc, chartDir };
}

async function dryRunBuiltin(deps: CommandDeps): Promise<void> {
  const a = await activeChart();
  const client = deps.client();
  if (a === undefined || client === undefined) return;
  // The editor's unsaved text is what gets rendered.
  const params: DryRunParams = { uri: a.doc.uri.toString(), text: a.doc.getText() };
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Chartwright: dry run (built-in)…', cancellable: true },
    (_p, token) => client.sendRequest<DryRunResult>(DryRunRequest.method, params, token),
  );
  deps.dryRunProblems.clear();
  const output = await deps.preview.showOutput(`${path.basename(a.chartDir)} dry run (built-in)`, r.error === undefined ? r.text : `${r.text}\n# Error: ${r.error}\n`);
  if (r.error !== undefined) {
    void vscode.window.showErrorMessage(dryRunSummary(r));
    return;
  }
  // Schema problems go to the Problems panel at the template text behind them (or the output line).
  for (const [uri, problems] of groupProblems(r, output.toString())) {
    deps.dryRunProblems.set(
      vscode.Uri.parse(uri),
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(p.range.startLine, p.range.startCharacter, p.range.endLine, p.range.endCharacter),
          p.message,
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = DRY_RUN_SOURCE;
        d.code = 'k8s-schema';
        return d;
      }),
    );
  }
  vscode.window.setStatusBarMessage(dryRunSummary(r), 15_000);
}

function runHelm(inv: HelmInvocation, token: vscode.CancellationToken): Promise<{ ok: boolean; text: string }> {
  return new Promise((resolve) => {
    // An argument array and no shell: paths and names are never interpreted.
    const child = execFile(inv.file, [...inv.args], { cwd: inv.cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err === null) resolve({ ok: true, text: stdout });
      else resolve({ ok: false, text: formatHelmFailure(inv, err.code ?? null, stderr) });
    });
    token.onCancellationRequested(() => child.kill());
  });
}

async function dryRunHelm(deps: CommandDeps): Promise<void> {
  const trust = externalBinaryAllowed(vscode.workspace.isTrusted);
  if (!trust.allowed) {
    void vscode.window.showWarningMessage(trust.message);
    return;
  }
  const a = await activeChart();
  if (a === undefined) return;
  const settings = readSettings(a.doc.uri);
  const badName = checkReleaseName(settings.releaseName);
  if (badName !== undefined) {
    void vscode.window.showErrorMessage(badName);
    return;
  }
  const inv = helmDryRun(settings, a.chartDir);
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Chartwright: ${path.basename(inv.file)} install --dry-run…`, cancellable: true },
    (_p, token) => runHelm(inv, token),
  );
  if (!r.ok) void vscode.window.showErrorMessage(r.text.split('\n').find((l) => l.startsWith('Error')) ?? 'Chartwright: helm failed');
  await deps.preview.showOutput(`${path.basename(a.chartDir)} dry run (helm)`, r.text);
}

/**
 * explainRestricted stands in for "Dry Run with helm" in Restricted Mode: the palette then offers
 * "Dry Run with helm (disabled in Restricted Mode)", which says why and how to enable it.
 */
async function explainRestricted(): Promise<void> {
  const trust = externalBinaryAllowed(vscode.workspace.isTrusted);
  if (trust.allowed) {
    void vscode.window.showInformationMessage('Chartwright: this workspace is trusted; "Dry Run with helm" is enabled.');
    return;
  }
  const manage = 'Manage Workspace Trust';
  const picked = await vscode.window.showWarningMessage(trust.message, manage);
  if (picked === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}

async function selectValuesFiles(): Promise<void> {
  const a = await activeChart();
  if (a === undefined) return;
  const current = readSettings(a.doc.uri).valuesFiles;
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(a.chartDir, '**/*.{yaml,yml}'), '**/{templates,charts,node_modules}/**');
  const rel = found
    .map((u) => path.relative(a.chartDir, u.fsPath))
    .filter((f) => f !== 'values.yaml' && f !== 'Chart.yaml' && f !== 'Chart.lock')
    .sort();
  const ordered = [...current.filter((f) => rel.includes(f)), ...rel.filter((f) => !current.includes(f))];
  const items = ordered.map((f) => ({ label: f, picked: current.includes(f) }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Values files applied after values.yaml (in this order)',
    placeHolder: 'None selected: values.yaml only',
  });
  if (picked === undefined) return;
  await writeValuesFiles(a.doc.uri, picked.map((p) => p.label));
}

/** registerCommands registers every command and returns their disposables. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('chartwright.preview', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc !== undefined) await deps.preview.open(doc);
    }),
    vscode.commands.registerCommand('chartwright.dryRun', () => dryRunBuiltin(deps)),
    vscode.commands.registerCommand('chartwright.dryRunHelm', () => dryRunHelm(deps)),
    vscode.commands.registerCommand('chartwright.dryRunHelmRestricted', () => explainRestricted()),
    vscode.commands.registerCommand('chartwright.selectValuesFiles', () => selectValuesFiles()),
    vscode.commands.registerCommand('chartwright.restartServer', () => deps.restart()),
    // A CodeLens's places (LSP shapes) shown in VS Code's references peek, which wants its own types.
    vscode.commands.registerCommand(ShowReferencesCommand, async (uri: string, pos: Position, locations: LspLocation[]) => {
      const conv = deps.client()?.protocol2CodeConverter;
      if (conv === undefined) return;
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), conv.asPosition(pos), locations.map((l) => conv.asLocation(l)));
    }),
  ];
}
