/**
 * Messages for the person, from anywhere in the app: the one shape every part uses to report a problem
 * or offer an action (Reload, Restore it). The app's notice area shows them.
 */

export type NoticeKind = 'info' | 'error';

export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Notices {
  notify(message: string, kind: NoticeKind, action?: NoticeAction): void;
}
