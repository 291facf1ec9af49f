// The code's user-facing strings: every folder of src/ says them through @vscode/l10n's l10n.t, and
// l10n/bundle.l10n.json (what `npm run l10n` exports) lists them for translators. A string changed
// without `npm run l10n` would be missing from every translation.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { parseChangePasswordFile } from '../../src/changePasswordFile/parse';
import { parseProfiles } from '../../src/profiles/profileList';

const repoRoot = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(repoRoot, 'l10n', 'bundle.l10n.json');

type BundleEntry = string | { message: string; comment: string[] };

function readBundle(file: string): Record<string, BundleEntry> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, BundleEntry>;
}

/** One l10n.t or vscode.l10n.t call in src/, as the exporter and the runtime key it. */
interface Call {
  at: string;
  /** Why the exporter would skip it or the runtime would format it wrongly; undefined when fine. */
  problem?: string;
  key?: string;
  message?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The text of a string literal, or undefined for anything the exporter cannot read. */
function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function describeCall(call: ts.CallExpression, at: string): Call {
  const [first, ...rest] = call.arguments;
  const text = literal(first);
  if (text !== undefined) {
    if (rest.some((arg) => ts.isObjectLiteralExpression(arg) || ts.isSpreadElement(arg))) {
      return { at, problem: 'arguments must be listed one by one, for {0}, {1}...' };
    }
    return { at, key: text, message: text, problem: placeholderProblem(text, rest.length) };
  }
  if (!first || !ts.isObjectLiteralExpression(first)) {
    return { at, problem: 'the message is not a string literal, so `npm run l10n` skips it' };
  }
  const property = (name: string): ts.Expression | undefined => {
    const found = first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name);
    return found && ts.isPropertyAssignment(found) ? found.initializer : undefined;
  };
  const message = literal(property('message'));
  if (message === undefined) {
    return { at, problem: 'the message is not a string literal, so `npm run l10n` skips it' };
  }
  const comment = property('comment');
  const comments = comment && ts.isArrayLiteralExpression(comment) ? comment.elements.map(literal) : [literal(comment)];
  if (comments.some((c) => c === undefined)) {
    return { at, problem: 'the comment is not a string literal' };
  }
  const args = property('args');
  if (args !== undefined && !ts.isArrayLiteralExpression(args)) {
    return { at, problem: 'args must be an array literal' };
  }
  const joined = comments.join('');
  return { at, key: joined ? `${message}/${joined}` : message, message, problem: placeholderProblem(message, args?.elements.length ?? 0) };
}

/** {0}..{n-1} for n arguments, each one at least once. */
function placeholderProblem(message: string, argumentCount: number): string | undefined {
  const used = new Set([...message.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1])));
  const expected = Array.from({ length: argumentCount }, (_, index) => index);
  const fine = used.size === argumentCount && expected.every((index) => used.has(index));
  return fine ? undefined : `placeholders {${[...used].sort((a, b) => a - b).join('}, {')}} for ${argumentCount} argument(s)`;
}

/** Every l10n.t(...) and vscode.l10n.t(...) in src/. */
function l10nCalls(): Call[] {
  const calls: Call[] = [];
  for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ['l10n.t', 'vscode.l10n.t'].includes(node.expression.getText(source))) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        calls.push(describeCall(node, `${path.relative(repoRoot, file)}:${line + 1}`));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe('l10n/bundle.l10n.json', function () {
  this.timeout(60_000);
  const committed = readBundle(BUNDLE);
  const calls = l10nCalls();

  it('is what `npm run l10n` exports from src/ now', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@vscode', 'l10n-dev', 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    const cli = path.join(repoRoot, 'node_modules', '@vscode', 'l10n-dev', manifest.bin['vscode-l10n-dev']);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-password-l10n-'));
    try {
      execFileSync(process.execPath, [cli, 'export', '--outDir', outDir, './src'], { cwd: repoRoot, stdio: 'pipe' });
      const exported = readBundle(path.join(outDir, 'bundle.l10n.json'));
      const missing = Object.keys(exported).filter((key) => !Object.hasOwn(committed, key));
      const stale = Object.keys(committed).filter((key) => !Object.hasOwn(exported, key));
      assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run `npm run l10n` and commit l10n/bundle.l10n.json');
      // Order aside (the exporter lists files in the order the file system gives them).
      assert.deepEqual(committed, exported, 'run `npm run l10n` and commit l10n/bundle.l10n.json');
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('gives every l10n.t call a literal message and one argument for each of {0}, {1}...', () => {
    assert.ok(calls.length > 0, 'no l10n.t calls found in src/');
    const wrong = calls.filter((call) => call.problem).map((call) => `${call.at}: ${call.problem}`);
    assert.deepEqual(wrong, [], 'l10n.t calls that `npm run l10n` skips or that format wrongly');
  });

  it('holds the key of every l10n.t call in src/, so the exporter skipped none', () => {
    // It skips some silently, e.g. vscode.l10n.t where vscode is not an ES import.
    const skipped = calls.filter((call) => call.key !== undefined && !Object.hasOwn(committed, call.key)).map((call) => `${call.at}: ${call.key}`);
    assert.deepEqual(skipped, [], 'l10n.t calls that `npm run l10n` did not export');
  });

  it('holds only keys some l10n.t call in src/ uses, and the English of each', () => {
    const used = new Map(calls.filter((call) => call.key !== undefined).map((call) => [call.key as string, call.message as string]));
    assert.deepEqual(
      Object.keys(committed).filter((key) => !used.has(key)),
      [],
      'keys no l10n.t call uses',
    );
    for (const [key, entry] of Object.entries(committed)) {
      assert.equal(typeof entry === 'string' ? entry : entry.message, used.get(key), key);
    }
  });
});

describe("src/'s messages, with a translation configured", () => {
  // What createCommandHandlers() and activate() do with VS Code's bundle, with a made-up
  // translation of every string: ‹English›.
  const translate = (): void => {
    const bundle = readBundle(BUNDLE);
    l10n.config({
      contents: Object.fromEntries(Object.entries(bundle).map(([key, entry]) => [key, `‹${typeof entry === 'string' ? entry : entry.message}›`])),
    });
  };
  const english = (): void => l10n.config({ contents: {} });
  afterEach(english);

  it('translates the profile files’ problems', () => {
    translate();
    const config = [
      '[DEFAULT]',
      'region = eu-west-1',
      '[default]',
      'REGION = us-east-1',
      'output: json',
      '[profile a];note',
      'region = us-east-1 # note',
      '[profilex y]',
      '[profile b]',
      'role_arn = arn:aws:iam::123456789012:role/R',
      'source_profile = missing',
      'use_fips_endpoint = True',
      'services = none',
      'endpoint_url = https://example.com',
      '[sso-session s]',
      '[profile c]',
      'sso_session = s',
      'sso_region = eu-west-1',
      '[profile b]',
      'no equals here',
    ].join('\n');
    const list = parseProfiles(config, '[profile d]\naws_access_key_id = AKIA\n', { configFile: '/c', credentialsFile: '/k' }, {});
    const messages = [...list.problems.map((p) => p.message), ...list.profiles.flatMap((p) => [p.kindLabel, ...p.problems])];
    assert.ok(messages.length >= 10, JSON.stringify(messages));
    assert.deepEqual(
      messages.filter((message) => !message.startsWith('‹')),
      [],
    );
  });

  it("translates the change-password file's problems, but not the AWS CLI's words", () => {
    translate();
    const json = parseChangePasswordFile('{"OldPassword": 1, "NewPassword": "a\u0100", "OldPassword": "x", "Bogus": "y"', 'json');
    const messages = json.problems.map((p) => p.message);
    assert.deepEqual(
      messages.map((message) => message.startsWith('‹')),
      [false, true, true, false, true],
      JSON.stringify(messages),
    );
    // botocore's wording stays searchable; the hint after it is ours.
    assert.match(messages[0], /^Invalid type for parameter OldPassword, type: <class 'int'>, valid types: <class 'str'> ‹\(put the value in quotes\)›$/);
    assert.match(messages[3], /^Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword$/);
  });

  it('is English again without a bundle', () => {
    english();
    assert.equal(parseChangePasswordFile('{', 'json').problems[0]?.message, 'Unexpected end of file: expected }');
  });
});
