import * as assert from 'node:assert/strict';
import { parseProfiles } from '../../../src/profiles/profileList';
import { mfaSerialEdit, withLineBelowHeader } from '../../../src/profiles/mfaSerialLine';

const paths = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };
const SERIAL = 'arn:aws:iam::111122223333:mfa/phone';

describe('remembering an MFA device (mfa_serial)', () => {
  it("adds exactly one line below the profile's header in the config file, keeping every other byte", () => {
    const config = '# team accounts\r\n[default]\r\nregion = eu-west-1\r\n\r\n[profile dev] ; mine\r\nregion = us-east-1\r\n[profile other]\r\n';
    const credentials = '[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n';
    const list = parseProfiles(config, credentials, paths, {});
    const edit = mfaSerialEdit(paths.configFile, list.byName('dev') ?? assert.fail(), SERIAL);
    assert.deepEqual(edit, { file: paths.configFile, line: 5, text: `mfa_serial = ${SERIAL}` });
    const written = withLineBelowHeader(config, edit, 'dev');
    assert.equal(written, config.replace('[profile dev] ; mine\r\n', `[profile dev] ; mine\r\nmfa_serial = ${SERIAL}\r\n`));
    assert.equal(written?.replace(`mfa_serial = ${SERIAL}\r\n`, ''), config);
    assert.equal(parseProfiles(written ?? '', credentials, paths, {}).byName('dev')?.mfaSerial, SERIAL);
  });

  it('uses the credentials file when the profile is only there, and a header on the last line gets its newline', () => {
    const credentials = '[keys]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n[last]';
    const list = parseProfiles('', credentials, paths, {});
    const edit = mfaSerialEdit(paths.configFile, list.byName('keys') ?? assert.fail(), SERIAL);
    assert.deepEqual(edit, { file: paths.credentialsFile, line: 1, text: `mfa_serial = ${SERIAL}` });
    assert.equal(withLineBelowHeader('[last]', { ...edit, line: 1 }, 'last'), `[last]\nmfa_serial = ${SERIAL}`);
  });

  it('writes nothing when the header line is no longer the profile (the file changed since it was read)', () => {
    const edit = { file: paths.configFile, line: 2, text: `mfa_serial = ${SERIAL}` };
    assert.equal(withLineBelowHeader('[profile dev]\n[profile other]\n', edit, 'dev'), undefined);
    assert.equal(withLineBelowHeader('[profile dev]\n', { ...edit, line: 9 }, 'dev'), undefined);
    assert.equal(withLineBelowHeader('x\nregion = dev\n', edit, 'dev'), undefined);
  });
});
