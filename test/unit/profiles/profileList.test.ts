import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENV_PROFILE } from '../../../src/profiles/profileChoice';
import { loadProfiles, parseProfiles, ProfileInfo, ProfileList } from '../../../src/profiles/profileList';
import { AwsFilePaths, awsFilePaths } from '../../../src/profiles/sharedConfigFiles';

// Tests run from out/test/unit; the fixtures stay in the source tree.
/** The list's data, for deepEqual: byName is a function. */
function withoutLookup({ byName: _, ...data }: ProfileList): Omit<ProfileList, 'byName'> {
  return data;
}

const FIXTURES = path.resolve(__dirname, '../../../../test/unit/fixtures/profiles');

function fixturePaths(dir: string): AwsFilePaths {
  return { configFile: path.join(FIXTURES, dir, 'config'), credentialsFile: path.join(FIXTURES, dir, 'credentials') };
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function parseFixture(dir: string, env: NodeJS.ProcessEnv = {}): ProfileList {
  const paths = fixturePaths(dir);
  return parseProfiles(readIfExists(paths.configFile), readIfExists(paths.credentialsFile), paths, env);
}

const TEXT_PATHS: AwsFilePaths = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };

function parseText(config: string | undefined, credentials?: string, env: NodeJS.ProcessEnv = {}): ProfileList {
  return parseProfiles(config, credentials, TEXT_PATHS, env);
}

function profileNamed(list: ProfileList, name: string): ProfileInfo {
  const found = list.profiles.find((profile) => profile.name === name);
  assert.ok(found, `no profile named ${name} in ${list.profiles.map((profile) => profile.name).join(', ')}`);
  return found;
}

function at(file: string, ...lines: number[]): { file: string; line: number }[] {
  return lines.map((line) => ({ file, line }));
}

function problemsByName(list: ProfileList): Record<string, string[]> {
  return Object.fromEntries(list.profiles.map((profile) => [profile.name, profile.problems]));
}

describe('awsFilePaths', () => {
  const home = path.resolve('/home/someone');

  it('defaults to ~/.aws/config and ~/.aws/credentials', () => {
    assert.deepEqual(awsFilePaths({}, home), {
      configFile: path.join(home, '.aws', 'config'),
      credentialsFile: path.join(home, '.aws', 'credentials'),
    });
  });

  it('follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, expanding a leading ~', () => {
    const paths = awsFilePaths({ AWS_CONFIG_FILE: '~/work/aws-config', AWS_SHARED_CREDENTIALS_FILE: path.resolve('/etc/aws/creds') }, home);
    assert.deepEqual(paths, { configFile: path.join(home, 'work', 'aws-config'), credentialsFile: path.resolve('/etc/aws/creds') });
  });

  it('makes a relative path absolute and ignores empty variables', () => {
    const paths = awsFilePaths({ AWS_CONFIG_FILE: 'relative/config', AWS_SHARED_CREDENTIALS_FILE: '' }, home);
    assert.equal(paths.configFile, path.resolve('relative/config'));
    assert.equal(paths.credentialsFile, path.join(home, '.aws', 'credentials'));
  });
});

describe('parseProfiles: kinds', () => {
  const { configFile, credentialsFile } = fixturePaths('kinds');
  const list = parseFixture('kinds');

  it('lists every profile, default first, then by name, with no file problems', () => {
    assert.deepEqual(
      list.profiles.map((profile) => profile.name),
      [
        'default',
        'console',
        'process',
        'region-only',
        'role-credential-source',
        'role-mfa',
        'role-source',
        'sso-legacy',
        'sso-new',
        'static-config',
        'static-creds',
        'static-mfa',
        'web-identity',
      ],
    );
    assert.deepEqual(list.problems, []);
    assert.deepEqual(list.paths, fixturePaths('kinds'));
  });

  it('merges a profile from both files, credentials-file keys winning', () => {
    assert.deepEqual(profileNamed(list, 'default'), {
      name: 'default',
      kind: 'static',
      kindLabel: 'static keys',
      endpoints: {},
      sourceFiles: [configFile, credentialsFile],
      // The credentials file's region wins over the config file's.
      keyFiles: new Map([
        ['region', credentialsFile],
        ['aws_access_key_id', credentialsFile],
      ]),
      sections: [...at(configFile, 2), ...at(credentialsFile, 1)],
      region: 'us-west-2',
      problems: [],
    });
  });

  it('classifies static keys from either file', () => {
    assert.deepEqual(profileNamed(list, 'static-config'), {
      name: 'static-config',
      kind: 'static',
      kindLabel: 'static keys',
      endpoints: {},
      sourceFiles: [configFile],
      sections: at(configFile, 6),
      region: 'eu-west-1',
      problems: [],
    });
    assert.deepEqual(profileNamed(list, 'static-creds'), {
      name: 'static-creds',
      kind: 'static',
      kindLabel: 'temporary keys (session token)',
      endpoints: {},
      sourceFiles: [credentialsFile],
      sections: at(credentialsFile, 6),
      sessionToken: true,
      problems: [],
    });
  });

  it('keeps mfa_serial on a static-key profile', () => {
    assert.deepEqual(profileNamed(list, 'static-mfa'), {
      name: 'static-mfa',
      kind: 'static',
      kindLabel: 'static keys',
      endpoints: {},
      sourceFiles: [configFile, credentialsFile],
      keyFiles: new Map([
        ['region', configFile],
        ['aws_access_key_id', credentialsFile],
      ]),
      sections: [...at(configFile, 25), ...at(credentialsFile, 11)],
      region: 'us-west-1',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/bob',
      problems: [],
    });
  });

  it('classifies roles with source_profile, credential_source and mfa_serial', () => {
    assert.deepEqual(profileNamed(list, 'role-source'), {
      name: 'role-source',
      kind: 'role',
      kindLabel: 'role',
      endpoints: {},
      sourceFiles: [configFile],
      sections: at(configFile, 11),
      region: 'eu-central-1',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      sourceProfile: 'static-creds',
      problems: [],
    });
    assert.deepEqual(profileNamed(list, 'role-credential-source'), {
      name: 'role-credential-source',
      kind: 'role',
      kindLabel: 'role',
      endpoints: {},
      sourceFiles: [configFile],
      sections: at(configFile, 16),
      roleArn: 'arn:aws:iam::123456789012:role/Ec2Role',
      credentialSource: 'Ec2InstanceMetadata',
      problems: [],
    });
    assert.deepEqual(profileNamed(list, 'role-mfa'), {
      name: 'role-mfa',
      kind: 'role',
      kindLabel: 'role',
      endpoints: {},
      sourceFiles: [configFile],
      sections: at(configFile, 20),
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
      roleArn: 'arn:aws:iam::123456789012:role/Mfa',
      sourceProfile: 'default',
      problems: [],
    });
  });

  it('classifies legacy SSO and sso-session profiles, taking the start URL from the session', () => {
    assert.deepEqual(profileNamed(list, 'sso-legacy'), {
      name: 'sso-legacy',
      kind: 'sso',
      kindLabel: 'SSO',
      endpoints: {},
      sourceFiles: [configFile],
      sections: at(configFile, 29),
      ssoStartUrl: 'https://legacy.awsapps.example/start',
      problems: [],
    });
    assert.deepEqual(profileNamed(list, 'sso-new'), {
      name: 'sso-new',
      kind: 'sso',
      kindLabel: 'SSO',
      endpoints: {},
      sourceFiles: [configFile],
      sections: at(configFile, 35),
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.example/start',
      problems: [],
    });
  });

  it('classifies credential_process, web identity, console sign-in and profiles without credentials', () => {
    assert.deepEqual(
      ['process', 'web-identity', 'console', 'region-only'].map((name) => {
        const { kind, kindLabel } = profileNamed(list, name);
        return [name, kind, kindLabel];
      }),
      [
        ['process', 'process', 'process'],
        ['web-identity', 'role', 'role (web identity)'],
        ['console', 'login', 'console sign-in'],
        ['region-only', 'unknown', 'no credentials'],
      ],
    );
    assert.equal(profileNamed(list, 'web-identity').roleArn, 'arn:aws:iam::123456789012:role/Web');
    assert.equal(profileNamed(list, 'region-only').caBundle, '/etc/ssl/corp.pem');
  });

  it('never exposes secret values, nor the credential_process command', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENVEXAMPLE', AWS_SECRET_ACCESS_KEY: 'env-secret-do-not-leak', AWS_SESSION_TOKEN: 'env-token-do-not-leak' };
    const json = JSON.stringify(parseFixture('kinds', env));
    assert.ok(!json.includes('do-not-leak'), json);
    assert.ok(!json.includes('AKID'), json);
    assert.ok(!json.includes('get-creds'), json);
  });
});

describe('parseProfiles: precedence rules', () => {
  it('uses [profile default] instead of [default], without merging their keys', () => {
    const list = parseFixture('default-override');
    assert.deepEqual(profileNamed(list, 'default'), {
      name: 'default',
      kind: 'unknown',
      kindLabel: 'no credentials',
      endpoints: {},
      sourceFiles: [fixturePaths('default-override').configFile],
      sections: at(fixturePaths('default-override').configFile, 5),
      region: 'eu-north-1',
      problems: [],
    });
  });

  it('ignores a bare [x] in the config file with a warning, but not [plugins]', () => {
    const list = parseFixture('default-override');
    assert.deepEqual(
      list.profiles.map((profile) => profile.name),
      ['default', 'dev'],
    );
    assert.equal(profileNamed(list, 'dev').region, 'us-west-2');
    assert.deepEqual(list.problems, [
      {
        file: fixturePaths('default-override').configFile,
        line: 1,
        message: 'The AWS SDK ignores [default]: [profile default] is also defined.',
      },
      {
        file: fixturePaths('default-override').configFile,
        line: 8,
        message: 'The AWS SDK ignores [dev] in this file: write [profile dev].',
      },
    ]);
  });

  it('keeps [default] when there is no [profile default]', () => {
    const list = parseText('[default]\nregion = us-east-1\n[profile other]\nregion = eu-west-1\n');
    assert.equal(profileNamed(list, 'default').region, 'us-east-1');
    assert.deepEqual(list.problems, []);
  });

  it('merges repeated sections, later keys winning', () => {
    const list = parseText('[profile p]\nregion = us-east-1\nca_bundle = /a.pem\n[profile p]\nregion = eu-west-1\n');
    assert.equal(list.profiles.length, 1);
    assert.equal(profileNamed(list, 'p').region, 'eu-west-1');
    assert.equal(profileNamed(list, 'p').caBundle, '/a.pem');
  });

  it('accepts quoted profile names', () => {
    const list = parseText('[profile "quoted"]\nregion = us-east-1\n');
    assert.equal(profileNamed(list, 'quoted').region, 'us-east-1');
  });

  it('reads credentials-file sections by their plain name and warns about prefixed ones', () => {
    const list = parseFixture('credentials-sections');
    const { credentialsFile } = fixturePaths('credentials-sections');
    assert.deepEqual(
      list.profiles.map((profile) => [profile.name, profile.kind, profile.sourceFiles]),
      [['plain', 'static', [credentialsFile]]],
    );
    assert.deepEqual(
      list.problems.map((problem) => [problem.file, problem.line]),
      [
        [credentialsFile, 5],
        [credentialsFile, 9],
      ],
    );
    assert.match(list.problems[0].message, /write \[prefixed\]/);
    assert.match(list.problems[1].message, /go in the config file/);
  });

  it('sorts default first, then case-insensitively', () => {
    const list = parseText(undefined, '[b]\n[a]\n[C]\n[default]\n[A]\n');
    assert.deepEqual(
      list.profiles.map((profile) => profile.name),
      ['default', 'A', 'a', 'b', 'C'],
    );
  });

  it('reads no profiles from missing texts', () => {
    assert.deepEqual(withoutLookup(parseText(undefined, undefined)), { paths: TEXT_PATHS, profiles: [], problems: [] });
  });

  it('ignores the whole file on a section name the SDK rejects, as the SDK does', () => {
    const list = parseText('[profile ok]\nregion = x\n[profile __proto__]\nregion = y\n', '[kept]\nregion = z\n');
    assert.deepEqual(
      list.profiles.map((profile) => profile.name),
      ['kept'],
    );
    assert.deepEqual(
      list.problems.map((problem) => [problem.file, problem.line]),
      [[TEXT_PATHS.configFile, 3]],
    );
    assert.match(list.problems[0].message, /ignores this whole file/);
  });

  it('drops a profile named __proto__ reached another way, keeping the rest', () => {
    const list = parseText('[profile "__proto__"]\nregion = y\n[profile ok]\nregion = x\n');
    assert.deepEqual(
      list.profiles.map((profile) => profile.name),
      ['ok'],
    );
    assert.deepEqual(
      list.problems.map((problem) => problem.line),
      [1],
    );
  });
});

describe('parseProfiles: both files', () => {
  it('merges repeated sections across both files key by key, the credentials file last', () => {
    const list = parseText(
      '[profile p]\nregion = a\nca_bundle = /a.pem\n[profile p]\nregion = b\n[profile config-only]\n',
      '[p]\naws_access_key_id = AKID\n[credentials-only]\n[p]\naws_secret_access_key = s\nregion = c\n',
    );
    assert.deepEqual(
      list.profiles.map((profile) => [profile.name, profile.kind, profile.region, profile.caBundle, profile.sourceFiles]),
      [
        ['config-only', 'unknown', undefined, undefined, [TEXT_PATHS.configFile]],
        ['credentials-only', 'unknown', undefined, undefined, [TEXT_PATHS.credentialsFile]],
        ['p', 'static', 'c', '/a.pem', [TEXT_PATHS.configFile, TEXT_PATHS.credentialsFile]],
      ],
    );
  });

  it('lists every header that defines a profile, the config file first, for opening the file there', () => {
    const list = parseText(
      '[profile p]\nregion = a\n[profile other]\n[profile "p"]\n[profile.p]\n[p]\n[default]\n',
      '[other]\n[p]\naws_access_key_id = AKID\n[p]\n',
    );
    assert.deepEqual(profileNamed(list, 'p').sections, [...at(TEXT_PATHS.configFile, 1, 4, 5), ...at(TEXT_PATHS.credentialsFile, 2, 4)]);
    assert.deepEqual(profileNamed(list, 'default').sections, at(TEXT_PATHS.configFile, 7));
    assert.deepEqual(profileNamed(parseText('[default]\n[profile default]\nregion = a\n'), 'default').sections, at(TEXT_PATHS.configFile, 2));
    // A [profile default] without keys does not replace [default] for the SDK.
    assert.deepEqual(profileNamed(parseText('[default]\nregion = a\n[profile default]\n'), 'default').sections, at(TEXT_PATHS.configFile, 1, 3));
  });

  it('names the credentials file for a profile whose section there is empty', () => {
    assert.deepEqual(profileNamed(parseText('[profile p]\nregion = a\n', '[p]\n'), 'p').sourceFiles, [TEXT_PATHS.configFile, TEXT_PATHS.credentialsFile]);
  });

  it("leaves the config file's profiles untouched when the credentials file is rejected", () => {
    const list = parseText('[profile p]\nregion = a\n', '[p]\nregion = c\naws_access_key_id = AKID\naws_secret_access_key = s\n[__proto__]\n');
    assert.deepEqual(profileNamed(list, 'p'), {
      name: 'p',
      kind: 'unknown',
      kindLabel: 'no credentials',
      endpoints: {},
      sourceFiles: [TEXT_PATHS.configFile],
      sections: at(TEXT_PATHS.configFile, 1),
      region: 'a',
      problems: [],
    });
    assert.deepEqual(
      list.problems.map((problem) => [problem.file, problem.line]),
      [[TEXT_PATHS.credentialsFile, 5]],
    );
  });

  it('reads a file that mentions __proto__ in other ways normally, reporting each problem once', () => {
    const list = parseText('[profile a]\nnot a setting\nregion = __proto__\n[profile __proto__x]\nregion = b\n');
    assert.deepEqual(
      list.profiles.map((profile) => [profile.name, profile.region]),
      [
        ['__proto__x', 'b'],
        ['a', '__proto__'],
      ],
    );
    assert.deepEqual(
      list.problems.map((problem) => problem.line),
      [2],
    );
  });

  it('reports only the section name that makes the SDK reject a file', () => {
    const list = parseText('[profile ok]\nbroken\n[profile __proto__]\n= x\n');
    assert.deepEqual(list.profiles, []);
    assert.deepEqual(
      list.problems.map((problem) => problem.line),
      [3],
    );
  });
});

describe('parseProfiles: environment variables', () => {
  it('adds the environment pseudo-profile first, with region and endpoints from AWS_PROFILE, and the file they come from', () => {
    const list = parseFixture('kinds', { AWS_ACCESS_KEY_ID: 'AKIDENVEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_PROFILE: 'region-only' });
    assert.deepEqual(list.profiles[0], {
      name: ENV_PROFILE,
      kind: 'env',
      kindLabel: 'environment variables',
      endpoints: {},
      // A workspace may have written that file (AWS_CONFIG_FILE): Restricted Mode asks about it.
      sourceFiles: [list.paths.configFile],
      sections: [],
      region: 'ap-southeast-2',
      caBundle: '/etc/ssl/corp.pem',
      problems: [],
    });
    assert.equal(list.profiles[1].name, 'default');
  });

  it('takes the region from default when AWS_PROFILE is empty', () => {
    const list = parseFixture('kinds', { AWS_ACCESS_KEY_ID: 'AKIDENVEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_PROFILE: '' });
    assert.equal(list.profiles[1].name, 'default');
    assert.equal(list.profiles[0].region, list.profiles[1].region);
  });

  it('reports a missing AWS_SECRET_ACCESS_KEY and works without any files', () => {
    const list = parseText(undefined, undefined, { AWS_ACCESS_KEY_ID: 'AKIDENVEXAMPLE', AWS_REGION: 'sa-east-1' });
    assert.deepEqual(list.profiles, [
      {
        name: ENV_PROFILE,
        kind: 'env',
        kindLabel: 'environment variables',
        endpoints: {},
        sourceFiles: [],
        sections: [],
        region: 'sa-east-1',
        problems: ['AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY.'],
      },
    ]);
  });

  it('has no environment pseudo-profile when AWS_ACCESS_KEY_ID is unset or empty', () => {
    assert.ok(!parseFixture('kinds', { AWS_ACCESS_KEY_ID: '' }).profiles.some((profile) => profile.kind === 'env'));
  });

  it('lets AWS_REGION and AWS_CA_BUNDLE override every profile', () => {
    const list = parseFixture('kinds', { AWS_REGION: 'me-south-1', AWS_CA_BUNDLE: '/env/ca.pem' });
    assert.deepEqual(new Set(list.profiles.map((profile) => profile.region)), new Set(['me-south-1']));
    assert.deepEqual(new Set(list.profiles.map((profile) => profile.caBundle)), new Set(['/env/ca.pem']));
  });

  it('treats empty variables as unset', () => {
    const fromProfile = { url: 'https://p.example.test', source: 'endpoint_url of profile p', origin: { file: TEXT_PATHS.configFile } };
    const list = parseText('[profile p]\nregion = eu-west-1\nca_bundle = /p.pem\nendpoint_url = https://p.example.test\n', undefined, {
      AWS_REGION: '',
      AWS_CA_BUNDLE: '',
      AWS_ENDPOINT_URL_IAM: '',
      AWS_ENDPOINT_URL: '',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: '',
      AWS_ACCESS_KEY_ID: '',
    });
    assert.deepEqual(list.profiles, [
      {
        name: 'p',
        kind: 'unknown',
        kindLabel: 'no credentials',
        endpoints: { iam: fromProfile, sts: fromProfile, sso: fromProfile },
        sourceFiles: [TEXT_PATHS.configFile],
        sections: at(TEXT_PATHS.configFile, 1),
        region: 'eu-west-1',
        caBundle: '/p.pem',
        problems: [],
      },
    ]);
  });

  it('ignores AWS_DEFAULT_REGION, as SDK v3 does', () => {
    assert.equal(profileNamed(parseFixture('kinds', { AWS_DEFAULT_REGION: 'me-south-1' }), 'process').region, undefined);
  });
});

describe('parseProfiles: endpoints', () => {
  const endpointsOf = (env: NodeJS.ProcessEnv = {}): Record<string, [string | undefined, string | undefined]> =>
    Object.fromEntries(parseFixture('endpoints', env).profiles.map((profile) => [profile.name, [profile.endpoints.iam?.url, profile.endpoints.sts?.url]]));
  const PROFILE_URL = 'https://profile.example.test';
  const servicesOf = (profile: string): string => {
    const text = readFileSync(path.join(FIXTURES, 'endpoints', 'config'), 'utf8');
    return new RegExp(`\\[profile ${profile}\\][^[]*?services = (\\S+)`).exec(text)?.[1] ?? '?';
  };

  it('prefers the [services] entry, then endpoint_url', () => {
    assert.deepEqual(endpointsOf(), {
      'bad-ignore': [PROFILE_URL, PROFILE_URL],
      ignoring: [undefined, undefined],
      'missing-services': [undefined, undefined],
      'no-endpoint': [undefined, undefined],
      'plain-endpoint': [PROFILE_URL, PROFILE_URL],
      svc: ['http://127.0.0.1:4566', 'http://127.0.0.1:4567'],
      'svc-iam-only': ['http://127.0.0.1:4566', PROFILE_URL],
    });
  });

  it('lets AWS_ENDPOINT_URL_IAM / _STS, then AWS_ENDPOINT_URL, win over the files', () => {
    const endpoints = endpointsOf({ AWS_ENDPOINT_URL_IAM: 'https://iam.env.test', AWS_ENDPOINT_URL: 'https://all.env.test' });
    assert.deepEqual(endpoints['no-endpoint'], ['https://iam.env.test', 'https://all.env.test']);
    assert.deepEqual(endpoints['plain-endpoint'], ['https://iam.env.test', 'https://all.env.test']);
    assert.deepEqual(endpoints.svc, ['https://iam.env.test', 'https://all.env.test']);
    assert.deepEqual(endpoints.ignoring, [undefined, undefined]);
    assert.deepEqual(endpointsOf({ AWS_ENDPOINT_URL_STS: 'https://sts.env.test' })['no-endpoint'], [undefined, 'https://sts.env.test']);
  });

  it('says where each endpoint came from, for messages', () => {
    const sources = (env: NodeJS.ProcessEnv = {}): Record<string, [string | undefined, string | undefined]> =>
      Object.fromEntries(parseFixture('endpoints', env).profiles.map((p) => [p.name, [p.endpoints.iam?.source, p.endpoints.sts?.source]]));
    assert.deepEqual(sources()['svc-iam-only'], [`the iam entry of [services ${servicesOf('svc-iam-only')}]`, 'endpoint_url of profile svc-iam-only']);
    assert.deepEqual(sources({ AWS_ENDPOINT_URL_IAM: 'https://iam.env.test', AWS_ENDPOINT_URL: 'https://all.env.test' })['plain-endpoint'], [
      'AWS_ENDPOINT_URL_IAM',
      'AWS_ENDPOINT_URL',
    ]);
    assert.deepEqual(sources()['no-endpoint'], [undefined, undefined]);
  });

  it('ignores every configured endpoint when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true', () => {
    const endpoints = endpointsOf({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'https://all.env.test' });
    assert.deepEqual(new Set(Object.values(endpoints).flat()), new Set([undefined]));
  });

  it('lets AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false override the profile setting', () => {
    assert.deepEqual(endpointsOf({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }).ignoring, ['https://ignored.example.test', 'https://ignored.example.test']);
  });

  it('reads only true and false in lower case, as the SDK does, saying what it ignores', () => {
    const list = parseText(
      '[profile p]\nuse_fips_endpoint = TRUE\nuse_dualstack_endpoint = true\nignore_configured_endpoint_urls = True\nendpoint_url = https://e.example.test\n',
    );
    const profile = profileNamed(list, 'p');
    assert.deepEqual([profile.useFipsEndpoint, profile.useDualstackEndpoint, profile.endpoints.iam?.url], [undefined, true, 'https://e.example.test']);
    assert.deepEqual(profile.problems, [
      'use_fips_endpoint = TRUE is ignored: the AWS SDK takes only true or false.',
      'ignore_configured_endpoint_urls = True is ignored: the AWS SDK takes only true or false.',
    ]);
    const fromEnv = profileNamed(parseText('[profile p]\nuse_fips_endpoint = true\n', undefined, { AWS_USE_FIPS_ENDPOINT: 'yes' }), 'p');
    assert.deepEqual([fromEnv.useFipsEndpoint, fromEnv.problems], [true, ['AWS_USE_FIPS_ENDPOINT = yes is ignored: the AWS SDK takes only true or false.']]);
  });

  it('reports a missing [services] section and a non-boolean ignore setting', () => {
    const problems = problemsByName(parseFixture('endpoints'));
    assert.deepEqual(problems['missing-services'], [
      "services = nowhere names no [services nowhere] section, so the AWS SDK ignores this profile's endpoints.",
    ]);
    assert.deepEqual(problems['bad-ignore'], ['ignore_configured_endpoint_urls = yes is ignored: the AWS SDK takes only true or false.']);
    assert.deepEqual(problems.svc, []);
  });
});

describe('parseProfiles: SSO portal endpoint', () => {
  const config = [
    '[profile sso]',
    'sso_start_url = https://d-123.awsapps.com/start',
    'sso_region = us-east-1',
    'sso_account_id = 123456789012',
    'sso_role_name = Dev',
    'services = local',
    'endpoint_url = https://all.example.test',
    '[services local]',
    'sso =',
    '  endpoint_url = http://127.0.0.1:4566',
    '[profile keys]',
    'aws_access_key_id = AKIAEXAMPLE',
    'aws_secret_access_key = secret',
    'endpoint_url = https://all.example.test',
  ].join('\n');
  const ssoOf = (env: NodeJS.ProcessEnv = {}): [string | undefined, string | undefined] => {
    const profile = profileNamed(parseText(config, undefined, env), 'sso');
    return [profile.endpoints.sso?.url, profile.endpoints.sso?.source];
  };

  it('follows the SDK order for SSO profiles: AWS_ENDPOINT_URL_SSO > AWS_ENDPOINT_URL > [services] sso > endpoint_url', () => {
    assert.deepEqual(ssoOf(), ['http://127.0.0.1:4566', 'the sso entry of [services local]']);
    assert.deepEqual(ssoOf({ AWS_ENDPOINT_URL: 'https://env.example.test' }), ['https://env.example.test', 'AWS_ENDPOINT_URL']);
    assert.deepEqual(ssoOf({ AWS_ENDPOINT_URL_SSO: 'https://sso.example.test', AWS_ENDPOINT_URL: 'https://env.example.test' }), [
      'https://sso.example.test',
      'AWS_ENDPOINT_URL_SSO',
    ]);
    const plain = profileNamed(parseText(config.replace('services = local\n', '')), 'sso');
    assert.deepEqual([plain.endpoints.sso?.url, plain.endpoints.sso?.source], ['https://all.example.test', 'endpoint_url of profile sso']);
  });

  it('applies to other profiles too: a role may get its source credentials from the SSO portal', () => {
    assert.equal(
      profileNamed(parseText(config, undefined, { AWS_ENDPOINT_URL_SSO: 'https://sso.example.test' }), 'keys').endpoints.sso?.url,
      'https://sso.example.test',
    );
  });
});

describe('parseProfiles: what the SDK skips that a person probably meant', () => {
  it('warns once, with file and line, for every kind of skipped line and ignored section', () => {
    const config = [
      'region = before-any-section',
      '[profile a]',
      'Region = eu-west-1',
      'region: eu-west-2',
      'no equals sign',
      '= no key',
      '[profile b',
      '[x]',
      '[foo bar]',
      '[profile  spaced]',
      '[]',
      '[default]',
      '[profile default]',
      'region = us-east-1',
      '[plugins]',
    ].join('\n');
    const credentials = '[profile c]\n[sso-session d]\n[c]\nAWS_ACCESS_KEY_ID = AKID\n';
    const said = parseText(config, credentials).problems.map((problem) => [
      problem.file === TEXT_PATHS.configFile ? 'config' : 'credentials',
      problem.line,
      problem.message,
    ]);
    assert.deepEqual(said, [
      ['config', 1, 'Before any [section]: the AWS SDK ignores this line.'],
      ['config', 3, 'The AWS SDK ignores "Region" (keys are lower case); write region.'],
      ['config', 4, 'The AWS SDK ignores this line (not "key = value"); write region = ...'],
      ['config', 5, 'The AWS SDK ignores this line: it is not "key = value".'],
      ['config', 6, 'The AWS SDK ignores this line: it is not "key = value".'],
      ['config', 7, 'No closing "]": for the AWS SDK the lines below stay in the section above.'],
      ['config', 8, 'The AWS SDK ignores [x] in this file: write [profile x].'],
      ['config', 9, 'The AWS SDK ignores [foo bar]: write [profile NAME], NAME of letters, digits and - _ @ + . % : /.'],
      ['config', 10, 'The AWS SDK ignores [profile  spaced]: write [profile NAME], NAME of letters, digits and - _ @ + . % : /.'],
      ['config', 11, 'The AWS SDK ignores []: write [profile NAME], NAME of letters, digits and - _ @ + . % : /.'],
      ['config', 12, 'The AWS SDK ignores [default]: [profile default] is also defined.'],
      ['credentials', 1, 'The AWS SDK ignores [profile c] in this file: write [c].'],
      ['credentials', 2, 'The AWS SDK ignores [sso-session d] here: a profile is [NAME]; other sections go in the config file.'],
      ['credentials', 4, 'The AWS SDK ignores "AWS_ACCESS_KEY_ID" (keys are lower case); write aws_access_key_id.'],
    ]);
  });
});

describe('parseProfiles: malformed files', () => {
  const { configFile } = fixturePaths('malformed');
  const list = parseFixture('malformed');

  it('reports each malformed line with its file and exact line number', () => {
    assert.deepEqual(
      list.problems.map((problem) => [problem.file, problem.line]),
      [1, 4, 5, 6, 8, 11, 17].map((line) => [configFile, line]),
    );
    const messageOn = (line: number): string => list.problems.find((problem) => problem.line === line)?.message ?? '';
    assert.match(messageOn(8), /^No closing "\]": for the AWS SDK/);
    assert.match(messageOn(17), /^The AWS SDK ignores \[profile {2}two-spaces\]: write \[profile NAME\]/);
  });

  it('keeps reading the profiles around the broken lines, as the SDK would', () => {
    assert.deepEqual(
      list.profiles.map((profile) => [profile.name, profile.region, profile.caBundle]),
      [
        ['dotted', 'sa-east-1', undefined],
        ['good', 'ap-south-1', undefined],
        ['ok', 'eu-west-1', '/after/unclosed/header.pem'],
      ],
    );
  });
});

describe('parseProfiles: source_profile chains and credential sources', () => {
  const list = parseFixture('chains');
  const problems = problemsByName(list);

  it('reports loops without looping', () => {
    assert.deepEqual(problems.a, ['The source_profile chain loops: a -> b -> a.']);
    assert.deepEqual(problems.b, ['The source_profile chain loops: a -> b -> a.']);
    assert.deepEqual(problems['into-loop'], ['The source_profile chain loops: a -> b -> a.']);
    assert.deepEqual(problems['self-no-keys'], ['The source_profile chain loops: self-no-keys -> self-no-keys.']);
  });

  it('accepts source_profile = itself when the profile has static keys', () => {
    assert.deepEqual(profileNamed(list, 'self').kind, 'role');
    assert.deepEqual(problems.self, []);
    assert.deepEqual(problems['via-self'], []);
  });

  it('reports a missing source_profile, also further down the chain', () => {
    const missing = 'Profile "missing-source" has source_profile "nowhere", which is defined in neither file.';
    assert.deepEqual(problems['missing-source'], [missing]);
    assert.deepEqual(problems['deep-missing'], [missing]);
  });

  it('reports a source profile without credentials', () => {
    assert.deepEqual(problems['to-empty'], ['Profile "empty", the source_profile of "to-empty", has no credentials.']);
    assert.deepEqual(problems.empty, []);
  });

  it('accepts the three credential sources and reports any other', () => {
    assert.deepEqual(problems['bad-credential-source'], [
      'Profile "bad-credential-source" has credential_source "Lambda"; the AWS SDK supports only Environment, Ec2InstanceMetadata and EcsContainer.',
    ]);
    assert.deepEqual(problems['via-ecs-base'], []);
    assert.deepEqual(problems['via-bogus-base'], [
      'Profile "bogus-base" has credential_source "Bogus"; the AWS SDK supports only Environment, Ec2InstanceMetadata and EcsContainer.',
    ]);
    for (const source of ['Environment', 'Ec2InstanceMetadata', 'EcsContainer']) {
      const text = `[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = ${source}\n`;
      assert.deepEqual(profileNamed(parseText(text), 'r').problems, [], source);
    }
    assert.equal(profileNamed(parseText('[profile r]\nrole_arn = x\ncredential_source = environment\n'), 'r').problems.length, 1);
  });

  it('reports a role without a source and a role with two, which the SDK does not assume', () => {
    assert.deepEqual(
      [profileNamed(list, 'no-source').kind, problems['no-source']],
      ['unknown', ['role_arn needs a source_profile or credential_source to assume the role from.']],
    );
    assert.deepEqual(
      [profileNamed(list, 'both-sources').kind, problems['both-sources']],
      ['unknown', ['role_arn has both source_profile and credential_source: the AWS SDK assumes the role with only one.']],
    );
  });

  it('says a credential_source without role_arn only works as a source', () => {
    assert.deepEqual(problems['ecs-base'], ['credential_source without role_arn works only in a source_profile.']);
  });

  it('names a loop the same way from wherever it is entered', () => {
    const role = 'role_arn = arn:aws:iam::123456789012:role/r';
    const text = [
      ['y', 'z'],
      ['x', 'y'],
      ['z', 'x'],
      ['1-into-z', 'z'],
      ['zz-into-y', 'y'],
    ]
      .map(([name, source]) => `[profile ${name}]\n${role}\nsource_profile = ${source}`)
      .join('\n');
    const loop = ['The source_profile chain loops: x -> y -> z -> x.'];
    assert.deepEqual(problemsByName(parseText(text)), { '1-into-z': loop, x: loop, y: loop, z: loop, 'zz-into-y': loop });
  });

  it('reports a half-set key pair', () => {
    assert.deepEqual(profileNamed(parseText('[profile k]\naws_access_key_id = AKIDEXAMPLE\n'), 'k').problems, [
      'aws_access_key_id is set without aws_secret_access_key.',
    ]);
  });
});

describe('parseProfiles: SSO problems', () => {
  it('reports a missing sso-session, a conflicting value and an incomplete profile', () => {
    const text = [
      '[profile lost]',
      'sso_session = nowhere',
      'sso_account_id = 123456789012',
      '[profile conflicting]',
      'sso_session = corp',
      'sso_region = us-west-2',
      'sso_account_id = 123456789012',
      'sso_role_name = Dev',
      '[profile incomplete]',
      'sso_start_url = https://x.example/start',
      '[sso-session corp]',
      'sso_region = eu-west-1',
      'sso_start_url = https://corp.example/start',
    ].join('\n');
    const list = parseText(text);
    assert.deepEqual(problemsByName(list), {
      conflicting: ['sso_region differs between the profile and [sso-session corp].'],
      incomplete: ['SSO configuration is incomplete: sso_account_id, sso_region, sso_role_name missing.'],
      lost: ['sso_session = nowhere names no [sso-session nowhere] section in the config file.'],
    });
    assert.equal(profileNamed(list, 'conflicting').ssoStartUrl, 'https://corp.example/start');
  });
});

describe('parseProfiles: scale', () => {
  it('lists 10,000 generated profiles of mixed kinds', () => {
    const lines: string[] = ['[sso-session s]', 'sso_region = us-east-1', 'sso_start_url = https://s.example/start'];
    for (let index = 0; index < 10000; index++) {
      lines.push(`[profile p${index}]`);
      if (index % 4 === 0) {
        lines.push(`aws_access_key_id = AKID${index}`, `aws_secret_access_key = secret-${index}-do-not-leak`, 'region = us-east-1');
      } else if (index % 4 === 1) {
        lines.push('role_arn = arn:aws:iam::123456789012:role/r', `source_profile = p${index - 1}`, 'mfa_serial = arn:aws:iam::123456789012:mfa/u');
      } else if (index % 4 === 2) {
        lines.push('sso_session = s', 'sso_account_id = 123456789012', 'sso_role_name = Dev');
      } else {
        lines.push('credential_process = /bin/creds', 'region = eu-west-1', 'endpoint_url = http://127.0.0.1:4566');
      }
    }
    const list = parseText(lines.join('\n'));
    assert.equal(list.profiles.length, 10000);
    const kinds: Record<string, number> = {};
    for (const profile of list.profiles) {
      kinds[profile.kind] = (kinds[profile.kind] ?? 0) + 1;
    }
    assert.deepEqual(kinds, { static: 2500, role: 2500, sso: 2500, process: 2500 });
    assert.deepEqual(
      list.profiles.filter((profile) => profile.problems.length > 0),
      [],
    );
    assert.equal(profileNamed(list, 'p9999').endpoints.iam?.url, 'http://127.0.0.1:4566');
    assert.ok(!JSON.stringify(list).includes('do-not-leak'));
  });

  it('follows a 10,000-profile source_profile chain and a 10,000-profile loop', () => {
    const chain: string[] = [];
    const loop: string[] = [];
    for (let index = 0; index < 10000; index++) {
      chain.push(
        `[profile c${index}]`,
        'role_arn = arn:aws:iam::123456789012:role/r',
        index === 0 ? 'credential_source = Environment' : `source_profile = c${index - 1}`,
      );
      loop.push(`[profile l${index}]`, 'role_arn = arn:aws:iam::123456789012:role/r', `source_profile = l${(index + 1) % 10000}`);
    }
    const chained = parseText(chain.join('\n'));
    assert.equal(chained.profiles.length, 10000);
    assert.ok(chained.profiles.every((profile) => profile.kind === 'role' && profile.problems.length === 0));

    const looped = parseText(loop.join('\n'));
    assert.ok(looped.profiles.every((profile) => profile.problems.length === 1 && profile.problems[0].includes('loops')));
    // A long loop is summarised, not spelt out 10,000 names long.
    assert.ok(looped.profiles[0].problems[0].length < 200, looped.profiles[0].problems[0]);
  });
});

describe('loadProfiles', () => {
  let tempDir: string;

  beforeEach(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'profiles-test-'));
  });

  afterEach(async () => {
    await fs.rm(tempDir, { recursive: true, force: true });
  });

  it('reads the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const paths = fixturePaths('kinds');
    const list = await loadProfiles({ AWS_CONFIG_FILE: paths.configFile, AWS_SHARED_CREDENTIALS_FILE: paths.credentialsFile }, tempDir);
    assert.deepEqual(withoutLookup(list), withoutLookup(parseFixture('kinds')));
  });

  it('reads ~/.aws/config and ~/.aws/credentials by default', async () => {
    await fs.mkdir(path.join(tempDir, '.aws'));
    await fs.writeFile(path.join(tempDir, '.aws', 'config'), '[profile from-home]\nregion = us-east-1\n');
    await fs.writeFile(path.join(tempDir, '.aws', 'credentials'), '[from-home]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n');
    const list = await loadProfiles({}, tempDir);
    assert.deepEqual(list.profiles, [
      {
        name: 'from-home',
        kind: 'static',
        kindLabel: 'static keys',
        endpoints: {},
        sourceFiles: [path.join(tempDir, '.aws', 'config'), path.join(tempDir, '.aws', 'credentials')],
        keyFiles: new Map([
          ['region', path.join(tempDir, '.aws', 'config')],
          ['aws_access_key_id', path.join(tempDir, '.aws', 'credentials')],
        ]),
        sections: [...at(path.join(tempDir, '.aws', 'config'), 1), ...at(path.join(tempDir, '.aws', 'credentials'), 1)],
        region: 'us-east-1',
        problems: [],
      },
    ]);
  });

  it('treats missing files, a directory and /dev/null as empty, without problems', async () => {
    assert.deepEqual(withoutLookup(await loadProfiles({}, tempDir)), { paths: awsFilePaths({}, tempDir), profiles: [], problems: [] });
    const list = await loadProfiles({ AWS_CONFIG_FILE: tempDir, AWS_SHARED_CREDENTIALS_FILE: os.devNull }, tempDir);
    assert.deepEqual([list.profiles, list.problems], [[], []]);
  });

  it('reads a 10 MB config file of 90,000 profiles, as the SDK does', async () => {
    const bigFile = path.join(tempDir, 'big-config');
    const sections = Array.from(
      { length: 90000 },
      (_, index) => `[profile p${index}]\nrole_arn = arn:aws:iam::123456789012:role/deployment-role-${index}\nsource_profile = base\nregion = us-east-1\n`,
    );
    await fs.writeFile(bigFile, `[profile base]\ncredential_process = /bin/creds\n${sections.join('')}`);
    assert.ok((await fs.stat(bigFile)).size > 10 * 1024 * 1024);
    const list = await loadProfiles({ AWS_CONFIG_FILE: bigFile, AWS_SHARED_CREDENTIALS_FILE: path.join(tempDir, 'absent') }, tempDir);
    assert.equal(list.profiles.length, 90001);
    assert.deepEqual(list.problems, []);
    assert.deepEqual(profileNamed(list, 'p89999').sections, at(bigFile, 359999));
  });

  it('reads a file that is not UTF-8 as the SDK does, saying so', async () => {
    const latin1 = path.join(tempDir, 'latin1');
    await fs.writeFile(latin1, Buffer.from('[profile a]\nregion = eu-west-1\n# caf\xe9\n', 'latin1'));
    const list = await loadProfiles({ AWS_CONFIG_FILE: latin1, AWS_SHARED_CREDENTIALS_FILE: path.join(tempDir, 'absent') }, tempDir);
    assert.equal(profileNamed(list, 'a').region, 'eu-west-1');
    assert.deepEqual(
      list.problems.map((problem) => [problem.line, /Not UTF-8.*U\+FFFD/.test(problem.message)]),
      [[3, true]],
    );
  });

  it('reports and ignores a binary file', async () => {
    const binaryFile = path.join(tempDir, 'binary');
    await fs.writeFile(binaryFile, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0xfe, 0x00, 0x13]));
    const list = await loadProfiles({ AWS_CONFIG_FILE: path.join(tempDir, 'absent'), AWS_SHARED_CREDENTIALS_FILE: binaryFile }, tempDir);
    assert.deepEqual(list.profiles, []);
    assert.deepEqual(list.problems, [{ file: binaryFile, line: 1, message: 'The file contains NUL bytes, so it is not a text file; it is ignored.' }]);
  });
});
