// Whether the basemap download should ask first (issue 16: "downloaded once over wifi"): the
// Network Information API (Chromium on Android; absent elsewhere) tells a mobile-data link or
// the user's data saver. Where it tells nothing, the download goes as it always did.

/** The part of `navigator.connection` read here. */
export interface ConnectionHint {
  type?: string;
  saveData?: boolean;
}

/** True when the link costs the user: mobile data, or data saver on. */
export function onMeteredConnection(connection: ConnectionHint | undefined): boolean {
  return connection?.type === 'cellular' || connection?.saveData === true;
}

/** This device's `navigator.connection`, when the browser has one. */
export function deviceConnection(): ConnectionHint | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { connection?: ConnectionHint }).connection;
}
