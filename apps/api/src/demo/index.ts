/** Public face of demo: what other modules may import from it. */
export { DEMO_BANKS, DEMO_ENTERPRISES, DEMO_NEEDS, DEMO_PROJECTS } from './demo-data';
