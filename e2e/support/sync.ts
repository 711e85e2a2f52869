/**
 * Devices for the sync tests: each Playwright browser context is one device (its own device id), and each
 * reaches the real sync server through a loopback TCP proxy of its own that the test can cut, because
 * Playwright's setOffline does not cut WebSockets (playwright#4910).
 */

import net from 'node:net';
import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { openPlayer } from './player';

export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private cutOff = false;
  /** Bytes the device sent towards the server, all connections together. */
  bytesUp = 0;

  private constructor(
    private readonly server: net.Server,
    private targetPort: number,
  ) {
    server.on('connection', (client) => {
      if (this.cutOff) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => (this.bytesUp += chunk.length));
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    return new TcpProxy(server, targetPort);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Drops every connection and refuses new ones: the device is offline. */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(targetPort = this.targetPort): void {
    this.targetPort = targetPort;
    this.cutOff = false;
  }

  /** How many connections pass through now. */
  get open(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly proxy: TcpProxy;
}

export async function newDevice(browser: Browser, serverPort: number): Promise<Device> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openPlayer(page);
  const proxy = await TcpProxy.start(serverPort);
  return { context, page, proxy };
}

export function syncDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Sync across devices' });
}

export function syncStatus(page: Page): Locator {
  return syncDialog(page).getByRole('status');
}

/** Opens `Sync across devices`, types the settings and presses Connect. */
export async function connectDevice(page: Page, server: string, token: string, deviceName: string): Promise<void> {
  const dialog = syncDialog(page);
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Sync across devices' }).click();
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(server);
  await dialog.getByRole('textbox', { name: 'Token' }).fill(token);
  await dialog.getByRole('textbox', { name: 'Device name' }).fill(deviceName);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
}

export async function closeSyncDialog(page: Page): Promise<void> {
  await syncDialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(syncDialog(page)).toBeHidden();
}
