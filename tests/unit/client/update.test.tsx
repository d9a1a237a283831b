// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { UpdateBanner } from '../../../src/client/app/UpdateBanner';
import {
  acceptUpdate,
  type CommandRunner,
  connectUpdateFlow,
  dispatchUpdate,
  updateState,
} from '../../../src/client/app/update';
import {
  initialUpdateState,
  nextUpdateStep,
  type UpdateState,
} from '../../../src/client/app/updateFlow';
import {
  guardUnsavedInputOnUnload,
  hasUnsavedInput,
  useUnsavedInput,
} from '../../../src/client/ui/unsaved';

/** A form that is dirty while its input differs from empty. */
function Form({ id }: { id: string }) {
  const [value, setValue] = useState('');
  useUnsavedInput(value !== '');
  return (
    <input aria-label={id} value={value} onInput={(event) => setValue(event.currentTarget.value)} />
  );
}

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

afterEach(async () => {
  cleanup();
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

describe('unsaved-input registry', () => {
  it('is dirty while any form holds input, and clean once all are cleared', () => {
    render(
      <>
        <Form id="a" />
        <Form id="b" />
      </>,
    );
    expect(hasUnsavedInput.value).toBe(false);
    type('a', 'x');
    expect(hasUnsavedInput.value).toBe(true);
    type('b', 'y');
    type('a', '');
    expect(hasUnsavedInput.value).toBe(true);
    type('b', '');
    expect(hasUnsavedInput.value).toBe(false);
  });

  it('forgets a form when it unmounts', async () => {
    const { unmount } = render(<Form id="a" />);
    type('a', 'x');
    expect(hasUnsavedInput.value).toBe(true);
    unmount();
    // Preact runs effect cleanups of an unmounted tree just after the unmount.
    await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
  });

  it('asks the browser to warn before leaving only while dirty', () => {
    const stop = guardUnsavedInputOnUnload(window);
    render(<Form id="a" />);
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);
    type('a', 'x');
    const dirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);
    stop();
  });
});

describe('update state machine', () => {
  const available: UpdateState = { phase: 'available', activated: false };

  it('offers a waiting worker', () => {
    expect(nextUpdateStep(initialUpdateState, { type: 'waiting' })).toEqual({ state: available });
  });

  it('accepting with no unsaved input asks the worker to skip waiting', () => {
    expect(nextUpdateStep(available, { type: 'accept', hasUnsavedInput: false })).toEqual({
      state: { phase: 'applying', activated: false },
      command: 'skip-waiting',
    });
  });

  it('accepting with unsaved input defers, and applies once the input is cleared', () => {
    const deferred = nextUpdateStep(available, { type: 'accept', hasUnsavedInput: true });
    expect(deferred).toEqual({ state: { phase: 'deferred', activated: false } });
    expect(nextUpdateStep(deferred.state, { type: 'unsaved-cleared' })).toEqual({
      state: { phase: 'applying', activated: false },
      command: 'skip-waiting',
    });
  });

  it('reloads when the worker it asked for takes control', () => {
    const applying: UpdateState = { phase: 'applying', activated: false };
    expect(nextUpdateStep(applying, { type: 'controlling' })).toEqual({
      state: applying,
      command: 'reload',
    });
  });

  it('a worker activated by another tab is offered as a plain reload', () => {
    const step = nextUpdateStep(initialUpdateState, { type: 'controlling' });
    expect(step).toEqual({ state: { phase: 'available', activated: true } });
    expect(nextUpdateStep(step.state, { type: 'accept', hasUnsavedInput: false })).toEqual({
      state: { phase: 'applying', activated: true },
      command: 'reload',
    });
  });

  it('ignores events that do not apply', () => {
    expect(nextUpdateStep(initialUpdateState, { type: 'unsaved-cleared' }).command).toBeUndefined();
    expect(
      nextUpdateStep(initialUpdateState, { type: 'accept', hasUnsavedInput: false }).command,
    ).toBeUndefined();
    expect(nextUpdateStep(available, { type: 'unsaved-cleared' })).toEqual({ state: available });
    const deferred: UpdateState = { phase: 'deferred', activated: false };
    expect(nextUpdateStep(deferred, { type: 'waiting' })).toEqual({ state: deferred });
  });
});

describe('update prompt', () => {
  let run: Mock<CommandRunner>;
  let disconnect: () => void;

  beforeEach(() => {
    updateState.value = initialUpdateState;
    run = vi.fn<CommandRunner>();
    disconnect = connectUpdateFlow(run);
  });

  afterEach(() => disconnect());

  it('shows nothing until a new version waits', () => {
    render(<UpdateBanner />);
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => dispatchUpdate({ type: 'waiting' }));
    expect(screen.getByTestId('update-banner').textContent).toContain('มีเวอร์ชันใหม่');
    expect(screen.getByTestId('update-accept').textContent).toBe('โหลดใหม่');
  });

  it('applies at once when no form holds unsaved input', () => {
    render(<UpdateBanner />);
    act(() => dispatchUpdate({ type: 'waiting' }));
    fireEvent.click(screen.getByTestId('update-accept'));
    expect(run).toHaveBeenCalledWith('skip-waiting');
    act(() => dispatchUpdate({ type: 'controlling' }));
    expect(run).toHaveBeenLastCalledWith('reload');
  });

  it('defers while a form holds unsaved input, then applies when it is cleared', () => {
    render(
      <>
        <UpdateBanner />
        <Form id="a" />
      </>,
    );
    type('a', 'half-typed');
    act(() => dispatchUpdate({ type: 'waiting' }));
    fireEvent.click(screen.getByTestId('update-accept'));
    expect(run).not.toHaveBeenCalled();
    expect(screen.getByTestId('update-deferred').textContent).toContain('ยังไม่บันทึก');
    expect(screen.queryByTestId('update-accept')).toBeNull();

    type('a', '');
    expect(run).toHaveBeenCalledWith('skip-waiting');
    expect(updateState.value.phase).toBe('applying');
  });

  it('acceptUpdate reads the registry at the moment of the click', () => {
    dispatchUpdate({ type: 'waiting' });
    acceptUpdate();
    expect(run).toHaveBeenCalledWith('skip-waiting');
  });
});
