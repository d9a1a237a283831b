// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../../src/client/db/database';
import { currentUser } from '../../../../src/client/session/state';
import { draftKey, isTyping, useDraft } from '../../../../src/client/ui/form/useDraft';
import { signedInDevice, signOutDevice } from '../households/fixtures';

// Issue 13, item 6: a restored draft lost its photo. The photo is usually the last thing
// added before the app is closed, and it waited out the typing pause like a keystroke; a
// write begun while the page is torn down may never land.

interface Values {
  houseNo: string;
  photos: readonly string[];
}
const PHOTO = JSON.stringify({ sha256: 'a'.repeat(64), size: 1000, mime: 'image/jpeg' });
let setValues: (values: Values) => void = () => undefined;

function DraftForm() {
  const [values, set] = useState<Values>({ houseNo: '', photos: [] });
  setValues = set;
  const draft = useDraft({
    formKey: 'household:new:test',
    values,
    isDirty: values.houseNo !== '' || values.photos.length > 0,
    restore: set,
  });
  return <p data-loaded={String(draft.loaded)}>{values.photos.length}</p>;
}

/** Lets IndexedDB work without letting any timer run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function storedDraft(): Promise<unknown> {
  const userId = currentUser.value?.id ?? '';
  return (await db().drafts.get(draftKey(userId, 'household:new:test')))?.values;
}

beforeEach(signedInDevice);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  signOutDevice();
});

describe('useDraft', () => {
  it('keeps a photo at once, and typing only after the pause', async () => {
    const view = render(<DraftForm />);
    await settle();
    expect(view.container.querySelector('p')?.dataset.loaded).toBe('true');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    act(() => setValues({ houseNo: '12', photos: [] }));
    await settle();
    expect(await storedDraft()).toBeUndefined(); // typing waits for the pause

    act(() => setValues({ houseNo: '12', photos: [PHOTO] }));
    await settle();
    expect(await storedDraft()).toEqual({ houseNo: '12', photos: [PHOTO] });
  });

  it('tells typing from other changes', () => {
    const before = { houseNo: '1', photos: [] as string[], toilet: false };
    expect(isTyping(before, { ...before, houseNo: '12' })).toBe(true);
    expect(isTyping(before, { ...before, photos: [PHOTO] })).toBe(false);
    expect(isTyping(before, { ...before, toilet: true })).toBe(false);
    expect(isTyping(before, before)).toBe(true);
  });
});
