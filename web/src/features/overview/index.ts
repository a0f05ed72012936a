// The overview feature's public surface.
export { OverviewPage } from './components/OverviewPage.tsx';
