// Status bar entry: the chart of the active editor and the values profile; click to change values.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { chartNameIn, statusText } from './commands-core';
import { enclosingChartOf } from './detect-core';
import { chartSourceOf } from './preview-core';
import { readSettings } from './settings';

/** ChartStatus keeps the status bar item in step with the active editor and the settings. */
export class ChartStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('chartwright.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'Chartwright chart';
    this.item.command = 'chartwright.selectValuesFiles';
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('chartwright') && this.update()),
    );
    this.update();
  }

  /** update re-reads the active editor's chart (a preview's: its source's chart) and settings. */
  update(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const source = active === undefined ? undefined : chartSourceOf(active, active.toString());
    const doc = source === undefined ? undefined : vscode.Uri.parse(source);
    const chartDir = doc?.scheme === 'file' ? enclosingChartOf(doc.fsPath, existsSync) : undefined;
    if (doc === undefined || chartDir === undefined) {
      this.item.hide();
      return;
    }
    const name = chartNameIn(chartDir);
    const s = readSettings(doc);
    this.item.text = statusText(name, s.valuesFiles);
    this.item.tooltip = `Chart ${chartDir}\nValues: values.yaml${s.valuesFiles.map((f) => ` ← ${f}`).join('')}\nClick to choose values files`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.subs) d.dispose();
  }
}
