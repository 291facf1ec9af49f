/** The vscode-free folders translate with @vscode/l10n, whose translations live in each bundle's own copy: each bundle calls this. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';

export function translateCoreMessages(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}
