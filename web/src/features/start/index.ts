// The start feature's public surface.
export { StartPage } from './components/StartPage.tsx';
export { LoggingNotice } from './components/LoggingNotice.tsx';
export { DemoBanner } from './components/DemoBanner.tsx';
export { useMeta, type Meta } from './api/get-meta.ts';
