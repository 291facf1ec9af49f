import type { ChangePasswordFileFormat } from './fileName';

// Byte for byte what AWS CLI v2 2.9.19's --generate-cli-skeleton prints, the uneven gap before the first comment included.
export const SKELETONS: Record<ChangePasswordFileFormat, string> = {
  json: '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n',
  yaml: "OldPassword: ''  # [REQUIRED] The IAM user's current password.\nNewPassword: '' # [REQUIRED] The new password.\n",
};
