import vscode = require('vscode');
import { l10n } from 'vscode';
import { CHANGE_PASSWORD_FILE_GLOB, formatForFileName } from '../core/changePasswordFile/fileName';
import { parseChangePasswordFile } from '../core/changePasswordFile/parse';
import { unmetRules } from '../core/passwordPolicy';
import { ProfileStore } from './profileStore';
import { guessableWarning } from './strengthCheck';

/** Problems-panel diagnostics while a change-password file is edited, and the CodeLens on top of it. */
export function validateChangePasswordFiles(store: ProfileStore): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('iamPassword');

  const validate = (document: vscode.TextDocument): void => {
    const format = formatForFileName(document.uri.path);
    if (!format) {
      return;
    }
    const text = document.getText();
    const parsed = parseChangePasswordFile(text, format);
    const found = parsed.problems.map((p) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(document.positionAt(p.range.start), document.positionAt(p.range.end)),
        p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'AWS IAM'; // a name, untranslated
      d.code = p.code;
      return d;
    });
    const list = store.current;
    const profile = list && store.choice(list).name;
    const policy = profile && store.policy(profile);
    const newPassword = parsed.values.NewPassword;
    const range = parsed.valueRanges.NewPassword;
    if (policy && policy.kind !== 'unknown' && newPassword && range) {
      const unmet = unmetRules(newPassword, policy);
      if (unmet.length > 0) {
        const d = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)),
          l10n.t({ message: "The account's password policy still needs: {0}", args: [unmet.map((r) => r.label).join(', ')], comment: '{0} lists password rules' }),
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'AWS IAM';
        d.code = 'policy';
        found.push(d);
      }
    }
    const guessable = newPassword && range && guessableWarning(newPassword, [...callerInputs(profile && store.callerArn(profile)), profile]);
    if (guessable && range) {
      const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)), guessable, vscode.DiagnosticSeverity.Warning);
      d.source = 'AWS IAM';
      d.code = 'guessable';
      found.push(d);
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
    store.onDidChange(() => {
      vscode.workspace.textDocuments.forEach(validate);
      lensChanged.fire();
    }),
    // The selector narrows to the names; the one file-name pattern (in provideCodeLenses) decides.
    vscode.languages.registerCodeLensProvider({ pattern: CHANGE_PASSWORD_FILE_GLOB }, lenses),
  );
}

/** The user name and account ID of an IAM user ARN the store learnt, for the strength estimate. */
function callerInputs(arn: string | undefined): string[] {
  const match = arn && /^arn:[^:]+:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? [match[2], match[1]] : [];
}
