import { describe, expect, it, vi } from 'vitest';
import { JsonText } from '../../../../src/client/api/http';
import { httpTransport } from '../../../../src/client/sync/httpTransport';
import type { PushRequest, PushResponse } from '../../../../src/shared/sync/protocol';

const REQUEST: PushRequest = { clientId: 'unitTestDevice01', mutations: [] };
const RESPONSE: PushResponse = { lastN: 0, results: [], serverTime: '2026-12-05T00:00:00.000Z' };

describe('httpTransport', () => {
  it('sends a prepared push as the JSON serialized ahead, once; an unprepared one as it is', async () => {
    const send = vi.fn(async () => RESPONSE as never);
    const transport = httpTransport(send);
    // Serialized when prepared: what changes afterwards is not sent.
    const prepared = { ...REQUEST };
    transport.preparePush?.(prepared);
    prepared.clientId = 'changedAfterwards';
    await transport.push(prepared);
    expect(send).toHaveBeenLastCalledWith('/api/sync/push', {
      method: 'POST',
      body: new JsonText(JSON.stringify(REQUEST)),
    });
    await transport.push(prepared);
    expect(send).toHaveBeenLastCalledWith('/api/sync/push', { method: 'POST', body: prepared });
  });
});
