/** The map bench's view (issue 16): a phone in portrait, as the surveyor holds it. */
export const MAP_WIDTH = 412;
export const MAP_HEIGHT = 760;
