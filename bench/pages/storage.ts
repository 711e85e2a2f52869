/** What many apps do: tab A writes the state to localStorage; tab B hears the `storage` event. */

import { actButton, markReady, role, view } from './common';

const KEY = 'bench-storage-state';

if (role === 'a') {
  actButton((value) => localStorage.setItem(KEY, JSON.stringify({ rev: value, value })));
} else {
  const show = view();
  window.addEventListener('storage', (event) => {
    if (event.key === KEY && event.newValue) show((JSON.parse(event.newValue) as { value: number }).value);
  });
}
markReady();
