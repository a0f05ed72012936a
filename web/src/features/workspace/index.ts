// The workspace feature's public surface: the "Borgerservice" pages under /borgerservice.
export { WorkspacePage } from './components/WorkspacePage.tsx';
