import { describe, expect, it } from 'vitest';
import { ConnectPolicy, connectSources } from '../../src/remote/connect-policy';

const PAGE = 'https://player.example';

describe('the connect-src that narrows the page to its sync server', () => {
  it('names this origin, each host the audio comes from once, and the server', () => {
    const audio = [
      'https://cdn.example/a.mp3',
      'https://cdn.example/b.mp3',
      `${PAGE}/audio/c.wav`,
      'https://media.example:8443/d.ogg',
      'blob:https://player.example/1234',
      'not a url',
    ];

    expect(connectSources('wss://sync.example/collab?x=1', audio, PAGE)).toBe(
      "connect-src 'self' https://cdn.example https://media.example:8443 wss://sync.example",
    );
    expect(connectSources('ws://127.0.0.1:1234', [], PAGE)).toBe("connect-src 'self' ws://127.0.0.1:1234");
  });
});

describe('ConnectPolicy', () => {
  function head() {
    const appended: { httpEquiv: string; content: string }[] = [];
    const page = { location: { origin: PAGE }, createElement: () => ({ httpEquiv: '', content: '' }) };
    return { appended, head: { ownerDocument: page, append: (meta: never) => appended.push(meta) } as never };
  }

  it('adds one policy for the first server and then admits that server alone', () => {
    const { appended, head: element } = head();
    const policy = new ConnectPolicy(element);

    expect(policy.allows('wss://a.example')).toBe(true);
    expect(policy.admit('wss://a.example/doc', () => ['https://cdn.example/x.mp3'])).toBe(true);
    expect(policy.admit('wss://a.example/other-path', () => [])).toBe(true);
    expect(policy.admit('wss://b.example', () => [])).toBe(false);
    expect(policy.allows('wss://b.example')).toBe(false);

    expect(appended).toEqual([{ httpEquiv: 'Content-Security-Policy', content: "connect-src 'self' https://cdn.example wss://a.example" }]);
  });

  it('admits no address that is not one, and names nothing for it', () => {
    const { appended, head: element } = head();
    const policy = new ConnectPolicy(element);

    expect(policy.admit('no address', () => [])).toBe(false);
    expect(appended).toEqual([]);
    expect(policy.allows('wss://a.example')).toBe(true);
  });
});
