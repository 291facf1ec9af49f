export { demoSeed, writeAwsConfig, type AwsConfigFiles, type AwsConfigOptions } from './seed';
export { startEmulator, type Emulator, type EmulatorOptions, type RequestRecord } from './server';
export type { Fault, FaultKind } from './faults';
export type { WrongPasswordError } from './iamService';
export type {
  AccessKeySeed,
  LoginProfileSeed,
  MfaDeviceSeed,
  PasswordPolicy,
  PrincipalRef,
  RoleSeed,
  Seed,
  SessionOptions,
  SessionSeed,
  TemporaryCredentials,
  UserSeed,
} from './state';
