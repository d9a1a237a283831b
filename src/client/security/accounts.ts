import Dexie, { type Table } from 'dexie';
import type { SessionUser } from '../../shared/model/user';
import type { WrappedKey } from './keyring';
import type { PlatformWrappedKey } from './platformKeyring';

/**
 * The users of this browser (a shared office tablet has several), kept apart from their data:
 * who they are, their device id, and their data key wrapped by their password and by their
 * daily key: the phone's screen lock (PRF) where it has one, else their PIN — never both.
 * Nothing here is personal data of the people surveyed.
 */
export interface DeviceAccount {
  userId: string;
  username: string;
  name: string;
  role: SessionUser['role'];
  /** This user's sync identity on this browser (mutationIds are `clientId:n`). */
  clientId: string;
  /** Only on a device without a PRF authenticator: a PIN can be guessed from a copy. */
  pinKey: WrappedKey | null;
  /** The data key under this phone's authenticator (absent on accounts made before it existed). */
  platformKey?: PlatformWrappedKey | null;
  passwordKey: WrappedKey;
  /** Wrong PINs in a row; at `MAX_PIN_FAILURES` only the password unlocks. */
  pinFailures: number;
  /** Wrong passwords in a row; each one doubles the wait before the next try. */
  passwordFailures: number;
  passwordRetryAt: string | null;
  lastUsedAt: string;
}

/** Device-wide choices that must be readable while every user is locked. */
export interface DeviceSettings {
  language: string;
  lastUserId: string;
}
type SettingKey = keyof DeviceSettings;

export const ACCOUNTS_DB_NAME = 'tambon-field-accounts';

class AccountsDatabase extends Dexie {
  accounts!: Table<DeviceAccount, string>;
  settings!: Table<{ key: SettingKey; value: string }, SettingKey>;

  constructor() {
    super(ACCOUNTS_DB_NAME, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ accounts: 'userId, username', settings: 'key' });
  }
}

let instance: AccountsDatabase | null = null;
function accountsDb(): AccountsDatabase {
  instance ??= new AccountsDatabase();
  return instance;
}

export function listAccounts(): Promise<DeviceAccount[]> {
  return accountsDb().accounts.orderBy('username').toArray();
}

export function getAccount(userId: string): Promise<DeviceAccount | undefined> {
  return accountsDb().accounts.get(userId);
}

export function findAccountByUsername(username: string): Promise<DeviceAccount | undefined> {
  return accountsDb().accounts.where('username').equals(username).first();
}

export async function saveAccount(account: DeviceAccount): Promise<void> {
  await accountsDb().accounts.put(account);
}

export async function updateAccount(
  userId: string,
  changes: Partial<Omit<DeviceAccount, 'userId'>>,
): Promise<void> {
  await accountsDb().accounts.update(userId, changes);
}

/** Removes the user's keys from this browser: without them their data can never be opened. */
export async function deleteAccount(userId: string): Promise<void> {
  const database = accountsDb();
  await database.transaction('rw', database.accounts, database.settings, async () => {
    await database.accounts.delete(userId);
    const last = await database.settings.get('lastUserId');
    if (last?.value === userId) await database.settings.delete('lastUserId');
  });
}

export async function getDeviceSetting<K extends SettingKey>(key: K): Promise<string | undefined> {
  return (await accountsDb().settings.get(key))?.value;
}

export async function setDeviceSetting<K extends SettingKey>(key: K, value: string): Promise<void> {
  await accountsDb().settings.put({ key, value });
}

/** Tests: the next use opens the registry afresh. */
export function closeAccountsDb(): void {
  instance?.close();
  instance = null;
}
