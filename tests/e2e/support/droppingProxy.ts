import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

export interface DroppingProxy {
  /** The app's origin through the proxy. */
  origin: string;
  /** How many answers were dropped. */
  dropped(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the app that, the first time a request starts with `requestLine`
 * (e.g. `POST /api/parcels/import`), hands the request to the server but closes the browser's
 * connection when the answer starts, instead of passing it on: the office wifi dropping just
 * after the server wrote everything. Chromium then sends the request again by itself when the
 * connection was a reused one, or fails it, and the person presses the button again.
 */
export async function startDroppingProxy(
  targetPort: number,
  requestLine: string,
): Promise<DroppingProxy> {
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server = createServer((browser) => {
    const app = connect(targetPort, '127.0.0.1');
    sockets.add(browser).add(app);
    let dropThisAnswer = false;
    browser.on('data', (chunk) => {
      if (dropped === 0 && !dropThisAnswer && chunk.toString('latin1').startsWith(requestLine)) {
        dropThisAnswer = true;
      }
      app.write(chunk);
    });
    app.on('data', (chunk) => {
      if (dropThisAnswer) {
        dropped++;
        browser.destroy();
        app.destroy();
        return;
      }
      browser.write(chunk);
    });
    const end = () => {
      browser.destroy();
      app.destroy();
      sockets.delete(browser);
      sockets.delete(app);
    };
    browser.on('close', end).on('error', end);
    app.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    dropped: () => dropped,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
