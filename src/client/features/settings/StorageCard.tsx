import { useEffect, useState } from 'preact/hooks';
import { readBasemapCopy } from '../../db/basemapCopy';
import { currentAccountId } from '../../session/end';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { bytes } from '../../ui/format';
import { t } from '../../ui/i18n';

interface StorageState {
  usage?: number | undefined;
  quota?: number | undefined;
  persisted: boolean;
  /** Bytes of this user's basemap copy (part of `usage`); 0 without one. */
  basemap: number;
}

async function readStorage(): Promise<StorageState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const userId = currentAccountId();
  const [estimate, persisted, copy] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => false),
    userId ? readBasemapCopy(userId).catch(() => null) : null,
  ]);
  return {
    usage: estimate?.usage,
    quota: estimate?.quota,
    persisted: persisted ?? false,
    basemap: copy?.storedBytes ?? 0,
  };
}

/** Storage used on the device (`estimate()`) and a button to ask for persistent storage. */
export function StorageCard() {
  const [state, setState] = useState<StorageState | null>(null);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    void readStorage().then(setState);
  }, []);

  const askPersist = async () => {
    const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    setDenied(!granted);
    setState(await readStorage());
  };

  return (
    <section class="card" aria-labelledby="settings-storage" data-testid="storage-card">
      <h2 id="settings-storage">{t('settings.storage')}</h2>
      {state && (
        <>
          <p data-testid="storage-used">
            {state.usage !== undefined && state.quota !== undefined
              ? t('settings.storageUsed', { used: bytes(state.usage), quota: bytes(state.quota) })
              : t('settings.storageUnknown')}
          </p>
          {state.basemap > 0 && (
            <p data-testid="storage-basemap">
              {t('settings.basemapStored', { size: bytes(state.basemap) })}
            </p>
          )}
          <p class="muted">
            {state.persisted ? t('settings.persisted') : t('settings.notPersisted')}
          </p>
          {!state.persisted && (
            <Button onClick={askPersist} testId="storage-persist">
              {t('settings.persist')}
            </Button>
          )}
          {denied && !state.persisted && <Banner tone="info">{t('settings.persistDenied')}</Banner>}
        </>
      )}
    </section>
  );
}
