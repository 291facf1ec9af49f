import * as assert from 'node:assert/strict';
import { parseProfiles } from '../../src/core/profiles';
import { CLI_DIFFERENCES } from './fixtures/cliDifferences';

const PATHS = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };

describe('config files the AWS CLI reads otherwise: what this extension reads, and that it says so', () => {
  for (const row of CLI_DIFFERENCES) {
    it(row.name, () => {
      const list = parseProfiles(row.config, row.credentials, PATHS, {});
      assert.deepEqual(list.profiles.map((profile) => profile.name).sort(), Object.keys(row.ours).sort());
      for (const profile of list.profiles) {
        const expected = row.ours[profile.name];
        assert.deepEqual(
          { region: profile.region, iamEndpoint: expected.iamEndpoint && profile.iamEndpoint, kind: expected.kind && profile.kind },
          { region: expected.region, iamEndpoint: expected.iamEndpoint, kind: expected.kind },
          profile.name,
        );
        if (expected.problems) {
          assert.equal(profile.problems.length, 1, profile.problems.join('\n'));
          assert.match(profile.problems[0], expected.problems);
        } else {
          assert.deepEqual(profile.problems, [], profile.name);
        }
      }
      const fileOf = { config: PATHS.configFile, credentials: PATHS.credentialsFile };
      assert.deepEqual(
        list.problems.map((problem) => [problem.file, problem.line]),
        row.warnings.map(([file, line]) => [fileOf[file], line]),
        list.problems.map((problem) => `${problem.line}: ${problem.message}`).join('\n'),
      );
      row.warnings.forEach(([, , pattern], index) => assert.match(list.problems[index].message, pattern));
    });
  }
});
