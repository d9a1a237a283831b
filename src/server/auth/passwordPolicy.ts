// The server's password policy, checked wherever a password is set (admin creates a user or
// resets one, create-admin, a user's own change). The password now also guards the data on a
// device (it unwraps the data key offline), so it must make an offline guess expensive: at
// least 10 characters (the shared `Password` schema, so the forms say it as you type) and not
// one of the ~49,000 most common passwords (the list of @zxcvbn-ts/language-common, shipped
// with the server and never sent to devices). Logging in never checks the policy: an older,
// weaker password keeps working until it is changed, and the demo accounts (`demo1234`,
// created by the demo loader) exist only with `--demo`.
import type { FieldIssue } from '../../shared/api/errors';
import { validationFailed } from '../errors';

/** The validation message (a `validation.*` key on the device) of a refused common password. */
export const PASSWORD_TOO_COMMON = 'password_too_common';

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/** Loaded on first use: decompressing the list takes a fraction of a second. */
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map(normalize)),
  );
  return commonPasswords;
}

const normalize = (password: string) => password.normalize('NFC').trim().toLowerCase();

/** True when the password, ignoring case and outer spaces, is on the common list. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await loadCommonPasswords()).has(normalize(password));
}

/** Throws 400 `validation_failed` naming `field` when the password is a common one. */
export async function assertPasswordPolicy(password: string, field: string): Promise<void> {
  if (!(await isCommonPassword(password))) return;
  const issue: FieldIssue = { path: field, message: PASSWORD_TOO_COMMON };
  throw validationFailed([issue]);
}
