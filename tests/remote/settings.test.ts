import { describe, expect, it } from 'vitest';
import { loadSettings, saveSettings, serverAddressProblem } from '../../src/remote/settings';

describe('the server address', () => {
  it('takes wss: anywhere and ws: on this computer only, and says what is wrong otherwise', () => {
    expect(serverAddressProblem('wss://sync.example.com')).toBeNull();
    expect(serverAddressProblem(' ws://127.0.0.1:1234 ')).toBeNull();
    expect(serverAddressProblem('ws://localhost:1234')).toBeNull();
    expect(serverAddressProblem('')).toMatch(/Enter the server address/);
    expect(serverAddressProblem('sync.example.com')).toMatch(/is not an address/);
    expect(serverAddressProblem('https://sync.example.com')).toMatch(/must start with wss:\/\/.*not https:/);
    expect(serverAddressProblem('ws://sync.example.com')).toMatch(/only for a server on this computer.*Use wss:\/\//);
  });
});

describe('the settings', () => {
  it('round-trip through storage, and junk reads as none', () => {
    const values = new Map<string, string>();
    const storage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
    };
    expect(loadSettings(storage)).toBeNull();
    const settings = { enabled: true, server: 'wss://s.example', token: 't', deviceName: 'Laptop', document: 'mediastream/alice' };
    saveSettings(storage, settings);
    expect(loadSettings(storage)).toEqual(settings);
    values.set('mediastream.sync', '{not json');
    expect(loadSettings(storage)).toBeNull();
    values.set('mediastream.sync', JSON.stringify({ server: 1 }));
    expect(loadSettings(storage)).toBeNull();
  });
});
