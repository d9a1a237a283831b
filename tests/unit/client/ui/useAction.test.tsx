// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type Action, useAction } from '../../../../src/client/ui/useAction';

let action: Action<'save' | 'remove'>;

function Probe({ describe }: { describe?: (failure: unknown) => string }) {
  action = useAction<'save' | 'remove'>(describe);
  return (
    <p data-testid="state" data-busy={String(action.busy)} data-running={action.running ?? ''}>
      {action.error ?? ''}
    </p>
  );
}

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const state = () => screen.getByTestId('state');

describe('useAction', () => {
  afterEach(cleanup);

  it('is busy with the named task while it runs, and resolves to true when it succeeds', async () => {
    render(<Probe />);
    const task = deferred();
    let result: Promise<boolean> = Promise.resolve(false);
    act(() => {
      result = action.submit(() => task.promise, 'remove');
    });
    expect(state().dataset.busy).toBe('true');
    expect(state().dataset.running).toBe('remove');
    await act(async () => {
      task.resolve();
      expect(await result).toBe(true);
    });
    expect(state().dataset.busy).toBe('false');
    expect(state().dataset.running).toBe('');
    expect(state().textContent).toBe('');
  });

  it('shows a failure in words, never rejects, and clears the message when run again', async () => {
    render(<Probe describe={(failure) => `failed: ${String(failure)}`} />);
    await act(async () => {
      expect(await action.submit(() => Promise.reject('offline'))).toBe(false);
    });
    expect(state().textContent).toBe('failed: offline');
    expect(state().dataset.busy).toBe('false');
    const task = deferred();
    act(() => {
      void action.submit(() => task.promise, 'save');
    });
    expect(state().textContent).toBe('');
    await act(async () => task.resolve());
  });

  it("keeps the caller's own message until the next task", async () => {
    render(<Probe />);
    act(() => action.setError('PIN must be 6 digits'));
    expect(state().textContent).toBe('PIN must be 6 digits');
    await act(async () => {
      await action.submit(async () => undefined);
    });
    expect(state().textContent).toBe('');
  });
});
