// Reads and writes the `chartwright.*` settings through the vscode API (parsing lives in settings-core).
import * as vscode from 'vscode';
import { type ClientSettings, parseSettings } from './settings-core';

/** SECTION is the configuration prefix of every setting. */
export const SECTION = 'chartwright';

/** readSettings returns the settings in effect for a resource (folder-level overrides included). */
export function readSettings(resource?: vscode.Uri): ClientSettings {
  const c = vscode.workspace.getConfiguration(SECTION, resource);
  return parseSettings((key) => c.get<unknown>(key));
}

/** writeValuesFiles stores the ordered values files for the workspace folder of `resource`. */
export async function writeValuesFiles(resource: vscode.Uri, files: readonly string[]): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION, resource);
  const target = vscode.workspace.getWorkspaceFolder(resource)
    ? vscode.ConfigurationTarget.WorkspaceFolder
    : vscode.ConfigurationTarget.Global;
  await c.update('valuesFiles', [...files], target);
}
