// AWS lets an IAM user change its own password in two ways: the account's password policy setting
// (AllowUsersToChangePassword) or a policy that allows iam:ChangePassword on the user. A text that
// calls the setting required sends people to an administrator for the wrong fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

function filesUnder(folder: string, extension: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(folder, file));
}

const SETTING_REQUIRED = [
  /must (?:allow|let) (?:IAM )?users to change/i,
  /account must (?:allow|let) users/i,
  /(?:policy|setting) must allow/i,
  /AllowUsersToChangePassword[^.]*\b(?:is )?(?:required|needed)/i,
  /(?:only|unless) the account(?:'s)? (?:password )?(?:policy|setting) (?:allows|lets)/i,
];

describe('the words about permissions', () => {
  const texts = [
    'README.md',
    'CHANGELOG.md',
    'package.nls.json',
    ...filesUnder('media/walkthrough', '.md'),
    ...filesUnder('l10n', '.json'),
    ...filesUnder('src', '.ts'),
  ];

  it('never call the account setting that lets users change their own password required: a policy on the user is the other way', () => {
    const claims = texts.flatMap((file) =>
      fs
        .readFileSync(path.join(repoRoot, file), 'utf8')
        .split('\n')
        .filter((line) => SETTING_REQUIRED.some((pattern) => pattern.test(line)))
        .map((line) => `${file}: ${line.trim()}`),
    );
    assert.deepEqual(claims, []);
  });

  it('give both ways in the README, the walkthrough, the policy view and the AccessDenied text', () => {
    const bothWays = (file: string, text: string): void => {
      assert.match(text, /IAMUserChangePassword/, `${file} names the managed policy`);
      assert.match(
        text,
        /(?:Allow users to change their own password|setting that lets (?:every IAM user|users) change their own password)/,
        `${file} names the account setting`,
      );
    };
    for (const file of ['README.md', 'media/walkthrough/policy.md']) {
      bothWays(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'));
    }
    const source = (file: string): string => fs.readFileSync(path.join(repoRoot, 'src', file), 'utf8');
    const noPolicyAllows = /no identity-based policy allows[\s\S]*?expiredIsNoCause/.exec(source('aws/failureWords.ts'))?.[0] ?? '';
    bothWays('the AccessDenied text', noPolicyAllows);
    const settingOff = /AllowUsersToChangePassword[\s\S]*?\);\n {2}\}/.exec(source('password/passwordPolicy.ts'))?.[0] ?? '';
    bothWays('the policy view', settingOff);
  });
});
