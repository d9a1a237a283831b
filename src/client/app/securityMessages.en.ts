import type { securityTh } from './securityMessages.th';

/** English messages of the lock, PIN and sign-out screens (spread into `messages.en.ts`). */
export const securityEn: Record<keyof typeof securityTh, string> = {
  'lock.title': 'Unlock',
  'lock.intro': "This device's data is encrypted. Enter {name}'s 6-digit PIN to open it.",
  'lock.reason.idle': 'Locked after a time without use',
  'lock.reason.password-changed':
    'Your password has changed. Unlock once more the usual way (PIN or screen lock) to open the data on this device.',
  'lock.pin': '6-digit PIN',
  'lock.unlock': 'Unlock',
  'lock.unlocking': 'Unlocking…',
  'lock.wrongPin': 'Wrong PIN. {left} tries left.',
  'lock.pinFormat': 'A PIN is 6 digits',
  'lock.passwordRequired':
    'Wrong PIN {max} times. Unlock with your password (works offline), then choose a new PIN.',
  'lock.usePassword': 'Forgot the PIN? Use the password',
  'lock.password': 'Password',
  'lock.wrongPassword': 'Wrong password',
  'lock.waitUntil': 'Try again at {time}',
  'lock.switchUser': 'Switch user',
  'lock.now': 'Lock',
  'pin.title': 'Choose a PIN',
  'pin.intro':
    'The PIN unlocks the app and encrypts personal data on this device. If you forget it, your password works too.',
  'pin.new': 'New PIN (6 digits)',
  'pin.confirm': 'PIN again',
  'pin.mismatch': 'The two PINs differ',
  'pin.tooSimple': 'This PIN is too easy to guess, like 123456 or 000000',
  'pin.save': 'Set PIN',
  'pin.saving': 'Saving…',
  'lock.introPlatform':
    "{name}'s data on this device is encrypted. Unlock it with this phone's fingerprint or screen lock.",
  'lock.platform': 'Unlock with fingerprint or screen lock',
  'lock.platformUsePassword': 'Use the password instead',
  'pin.platformIntro':
    "Recommended: use this phone's fingerprint or screen lock instead of a PIN. A copy of this device's data cannot be opened without this phone.",
  'pin.platformUse': 'Use fingerprint / screen lock',
  'pin.platformUnavailable':
    'This device cannot open the data with its fingerprint or screen lock. Choose a PIN instead.',
  'settings.protection': 'Protection of the data on this device',
  'settings.protectionPlatform':
    'This device unlocks with its own fingerprint or screen lock. A copy of its data cannot be opened without this phone (or your password).',
  'settings.protectionPinOnly':
    'This device is protected by a PIN only: someone who copies its data could guess a 6-digit PIN within hours.',
  'settings.protectionRenewPlatform': 'Set up fingerprint / screen lock again',
  'platform.failed': 'Fingerprint / screen lock did not work. Try again, or use your password.',
  'accounts.title': 'Users of this device',
  'accounts.open': "Open with {name}'s PIN",
  'logout.unsynced.title': 'Some data has not reached the server',
  'logout.unsynced.body':
    '{edits} edits and {photos} photos are not sent yet. Logging out deletes all data on this device.',
  'logout.syncNow': 'Sync now',
  'logout.syncing': 'Syncing…',
  'logout.export': 'Export an encrypted file',
  'logout.exported': 'Saved {file}. A supervisor can import it (it opens with your password).',
  'logout.anyway': 'Log out and delete the data on this device',
  'logout.cancel': 'Cancel',
  'logout.stillUnsynced': 'Not everything was sent. Try again when online, or export a file.',
  'logout.confirm':
    'Log out? Your data on this device will be deleted (the server keeps its copy).',
};
