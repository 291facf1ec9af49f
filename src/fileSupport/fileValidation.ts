import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { CHANGE_PASSWORD_FILE_GLOB, formatForFileName } from '../changePasswordFile/fileName';
import type { ProblemCode, TextRange } from '../changePasswordFile/model';
import { parseChangePasswordFile } from '../changePasswordFile/parse';
import { unmetRules } from '../password/passwordPolicy';
import { policyProblem } from '../password/passwordRules';
import { ProfileStore } from '../activeProfile/profileStore';
import { guessableWarning } from '../password/strengthCheck';

/** VS Code's JSON service reports these itself, whatever the schema says: ours would show each twice. Sending still refuses them. */
const REPORTED_BY_JSON_SERVICE: ReadonlySet<ProblemCode> = new Set(['syntax', 'duplicate-key']);

function jsonServiceValidates(document: vscode.TextDocument): boolean {
  return (
    (document.languageId === 'json' || document.languageId === 'jsonc') &&
    vscode.extensions.getExtension('vscode.json-language-features') !== undefined &&
    vscode.workspace.getConfiguration('json', document).get<boolean>('validate.enable', true)
  );
}

/** Problems-panel diagnostics while a change-password file is edited, and the CodeLens on top of it. */
export function validateChangePasswordFiles(store: ProfileStore): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('iamPassword');

  const validate = (document: vscode.TextDocument): void => {
    const format = formatForFileName(document.uri.path);
    if (!format) {
      return;
    }
    const parsed = parseChangePasswordFile(document.getText(), format);
    const diagnostic = ({ start, end }: TextRange, message: string, code: string, severity: vscode.DiagnosticSeverity): vscode.Diagnostic => {
      const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(start), document.positionAt(end)), message, severity);
      d.source = 'AWS IAM'; // a name, untranslated
      d.code = code;
      return d;
    };
    const shown = jsonServiceValidates(document) ? parsed.problems.filter((p) => !REPORTED_BY_JSON_SERVICE.has(p.code)) : parsed.problems;
    const found = shown.map((p) => diagnostic(p.range, p.message, p.code, vscode.DiagnosticSeverity.Error));
    const newPassword = parsed.values.NewPassword;
    const range = parsed.valueRanges.NewPassword;
    if (newPassword && range) {
      const list = store.current;
      const profile = list && store.choice(list).name;
      const policy = profile && store.policy(profile);
      const unmet = policy && policyProblem(unmetRules(newPassword, policy));
      const caller = profile === undefined ? undefined : store.caller(profile);
      const guessable = guessableWarning(newPassword, [...(caller?.kind === 'user' ? [caller.name, caller.account] : []), profile]);
      // Both judge the value of NewPassword, not the file's form (the AWS CLI would read it): warnings on its range.
      if (unmet) {
        found.push(diagnostic(range, unmet, 'policy', vscode.DiagnosticSeverity.Warning));
      }
      if (guessable) {
        found.push(diagnostic(range, guessable, 'guessable', vscode.DiagnosticSeverity.Warning));
      }
    }
    diagnostics.set(document.uri, found);
  };

  const lensChanged = new vscode.EventEmitter<void>();
  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensChanged.event,
    provideCodeLenses: (document) => {
      if (!formatForFileName(document.uri.path)) {
        return [];
      }
      const list = store.current;
      const profile = list ? store.choice(list).name : 'default';
      return [
        new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
          title: `$(key) ${l10n.t('Change password with profile {0}', profile)}`,
          command: 'iamPassword.changePasswordFromFile',
          arguments: [document.uri],
          tooltip: l10n.t('Send this file like aws iam change-password --cli-input-json; missing values are asked for'),
        }),
      ];
    },
  };

  vscode.workspace.textDocuments.forEach(validate);
  return vscode.Disposable.from(
    diagnostics,
    lensChanged,
    vscode.workspace.onDidOpenTextDocument(validate),
    vscode.workspace.onDidChangeTextDocument((e) => validate(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('json.validate.enable') && vscode.workspace.textDocuments.forEach(validate)),
    store.onDidChange(() => {
      vscode.workspace.textDocuments.forEach(validate);
      lensChanged.fire();
    }),
    // The selector narrows to the names; the one file-name pattern (in provideCodeLenses) decides.
    vscode.languages.registerCodeLensProvider({ pattern: CHANGE_PASSWORD_FILE_GLOB }, lenses),
  );
}
