import { z } from 'zod';
import { PASSWORD_MIN_LENGTH, Password, Username } from '../../shared/model/user';
import { isCommonPassword } from '../auth/passwordPolicy';
import { createAdmin, ensureOrganization } from '../setup';
import { type Store, UniqueViolation } from '../store';
import type { CliConfig } from './config';
import { Prompt } from './prompt';

const AdminInput = z.object({
  username: Username,
  name: z.string().trim().min(1).max(200),
  password: Password,
});

/** `create-admin`: the organization (when missing) and one admin, from flags or questions. */
export async function createAdminCommand(store: Store, config: CliConfig): Promise<void> {
  const parsed = AdminInput.safeParse(await askMissing(config.admin));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid input: ${problems.join('; ')}`);
  }
  const input = parsed.data;
  if (await isCommonPassword(input.password)) {
    throw new Error(
      'Invalid input: password: one of the most common passwords; choose one that is hard to guess',
    );
  }
  const { organization, created } = await ensureOrganization(
    store,
    config.admin.subdistrict,
    config.admin.orgName,
  );
  if (created) {
    console.log(
      `Created the organization ${organization.name} (ต.${organization.subdistrictNameTh} ` +
        `อ.${organization.districtNameTh} จ.${organization.provinceNameTh} ${organization.postalCode}).`,
    );
  }
  try {
    const user = await createAdmin(store, input);
    console.log(`Created the admin account "${user.username}". Start the server and log in.`);
  } catch (error) {
    if (error instanceof UniqueViolation)
      throw new Error(`The username "${input.username}" is taken`);
    throw error;
  }
}

async function askMissing(given: CliConfig['admin']): Promise<Record<string, string>> {
  const { username, name, password } = given;
  if (username && name && password) return { username, name, password };
  if (!process.stdin.isTTY) {
    throw new Error('Give --username, --name and --password, or run create-admin in a terminal');
  }
  const prompt = new Prompt();
  try {
    const answers = {
      username: username ?? (await prompt.ask('Username (a-z, 0-9, . _ -): ')),
      name: name ?? (await prompt.ask('Full name: ')),
      password:
        password ??
        (await prompt.askSecret(
          `Password (at least ${PASSWORD_MIN_LENGTH} characters, not a common one): `,
        )),
    };
    if (!password && (await prompt.askSecret('Repeat the password: ')) !== answers.password) {
      throw new Error('The passwords differ');
    }
    return answers;
  } finally {
    prompt.close();
  }
}
