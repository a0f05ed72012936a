// The Min log feature's public surface: the citizen page at /minlog.
export { MinLogPage } from './components/MinLogPage.tsx';

/** The path of the citizen page (outside the staff app). */
export const MINLOG_PATH = '/minlog';
