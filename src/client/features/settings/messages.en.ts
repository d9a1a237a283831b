import type { settingsTh } from './messages.th';

/** English messages of the settings screen: the same keys as `messages.th.ts`. */
export const settingsEn: { readonly [K in keyof typeof settingsTh]: string } = {
  'settings.title': 'Settings',
  'settings.language': 'Language',
  'settings.storage': 'Storage on this device',
  'settings.storageUsed': '{used} used of {quota} available',
  'settings.storageUnknown': 'This browser does not report storage use',
  'settings.persisted': 'Storage is persistent: the browser will not clear it when space runs low.',
  'settings.notPersisted':
    'Storage is not persistent: the browser may clear it when space runs low.',
  'settings.persist': 'Ask for persistent storage',
  'settings.persistDenied':
    'The browser did not allow it. Install the app to the home screen and try again.',
  'settings.about': 'About',
  'settings.version': 'Version',
  'settings.buildId': 'Build',
  'settings.clientId': 'Device id',
  'settings.account': 'Account',
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password (at least 10 characters)',
  'password.submit': 'Change password',
  'password.changed': 'Password changed',
  'password.wrongCurrent': 'The current password is wrong',
  'password.onlineOnly': 'Changing the password needs an internet connection',
  'settings.basemapStored': 'Basemap on this device: {size}',
};
