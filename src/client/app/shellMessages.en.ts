import type { shellTh } from './shellMessages.th';

/** English messages of the shell: the same keys as `shellMessages.th.ts`. */
export const shellEn: { readonly [K in keyof typeof shellTh]: string } = {
  'nav.label': 'Main menu',
  'nav.home': 'Home',
  'nav.settings': 'Settings',
  'nav.admin': 'Admin',
  'nav.import': 'Import',
  'nav.map': 'Map',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.currentUser': 'Signed in: {name} ({username})',
  'login.title': 'Sign in',
  'login.intro':
    'The first sign-in needs an internet connection. After that this device works offline.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.required': 'Enter your username and password',
  'login.retryIn': 'You can try again in {time}',
  'update.available': 'A new version is available',
  'update.accept': 'Reload',
  'update.deferred':
    'A form has unsaved input: the update will be applied once it is saved or cleared.',
  'update.applying': 'Updating…',
  'forbidden.title': 'You do not have access to this page',
  'nav.sync': 'Sync',
};
