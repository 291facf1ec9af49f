export { demoSeed, ssoStartUrl, writeAwsConfig, type AwsConfigFiles, type AwsConfigOptions } from './seed';
export { accountsSeed, ACCOUNTS_ACCOUNT_ID, ACCOUNT_USERS, EXAMPLE_POLICIES, PASSKEY_SERIAL, SESSION_TOOL_SESSIONS, type AccountUser } from './accounts';
export type { PolicyDocument, PolicyStatement } from './policy';
export { startEmulator, type Emulator, type EmulatorOptions, type RequestRecord } from './server';
export type { Fault, FaultKind } from './faults';
export type { FormEcho, FormEchoStyle } from './formEcho';
export type { ConsoleSignIn } from './consoleSignIn';
export { startLatencyRelay, type LatencyRelay } from './latencyRelay';
export { DEFAULT_WRONG_PASSWORD_ERROR, type ErrorAnswer } from './iamService';
export type {
  AccessKeySeed,
  IdentityPoliciesSeed,
  LoginProfileSeed,
  MfaDeviceSeed,
  PasswordPolicy,
  PrincipalRef,
  RoleSeed,
  Seed,
  SessionOptions,
  SessionSeed,
  SsoAccessToken,
  TemporaryCredentials,
  UserSeed,
} from './state';
export { ssoTokenCacheFile, ssoTokenCacheJson, writeSsoTokenCache, type SsoLogin } from './ssoTokenCache';
