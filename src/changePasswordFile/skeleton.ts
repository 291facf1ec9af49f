import type { ChangePasswordFileFormat } from './fileName';

/**
 * What `aws iam change-password --generate-cli-skeleton` prints (`input` for JSON, `yaml-input` for YAML): byte for
 * byte what AWS CLI v2 2.9.19 prints, including the uneven gap before the first comment.
 */
export const SKELETONS: Record<ChangePasswordFileFormat, string> = {
  json: '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n',
  yaml: "OldPassword: ''  # [REQUIRED] The IAM user's current password.\nNewPassword: '' # [REQUIRED] The new password.\n",
};
