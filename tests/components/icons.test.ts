import { render } from 'lit';
import { describe, expect, test } from 'vitest';
import { icon, icons } from '../../src/ui/icons';

describe('icons', () => {
  test('should draw the path as part of the template, with nothing left to set when drawn', () => {
    const drawn = icon('M8 5v14l11-7z');
    const host = document.createElement('div');
    render(drawn, host);

    expect(drawn.values).toEqual([]);
    const svg = host.querySelector('svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect(svg?.querySelector('path')?.getAttribute('d')).toBe('M8 5v14l11-7z');
  });

  test('should give each icon its own template, drawn the same in every place', () => {
    const first = document.createElement('div');
    const second = document.createElement('div');
    render(icons.play, first);
    render(icons.play, second);

    expect(icons.play.strings).not.toBe(icons.pause.strings);
    expect(second.innerHTML).toBe(first.innerHTML);
    expect(first.querySelector('path')?.getAttribute('d')).toBe('M8 5v14l11-7z');
  });
});
