/** What other features may use of the map: picking a house's location on it (`PickOnMap`). */
export { PickOnMap } from './PickOnMap';
