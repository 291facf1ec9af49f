import IAMUserChangePassword from './policies/IAMUserChangePassword.json';
import { validatePolicy, type PolicyDocument } from './policy';

/** AWS managed policies a seed can attach by name (README: "Identity policies" says where each text comes from). */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  IAMUserChangePassword: validatePolicy('IAMUserChangePassword', IAMUserChangePassword),
};
