/** A scale bar's length: a round distance, and the share of the widest bar it takes. */
export interface ScaleBar {
  meters: number;
  ratio: number;
}

/** The round distance (1, 2, 3 or 5 times a power of ten) at most `maxMeters` long. */
export function scaleBar(maxMeters: number): ScaleBar {
  const pow10 = 10 ** Math.floor(Math.log10(maxMeters));
  const d = maxMeters / pow10;
  const step = d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : 1;
  const meters = Number((step * pow10).toPrecision(1));
  return { meters, ratio: meters / maxMeters };
}

/** The bar's words from the messages: metres under a kilometre, else kilometres. */
export function scaleLabel(
  meters: number,
  say: { meters: (n: number) => string; kilometres: (n: number) => string },
): string {
  return meters < 1000 ? say.meters(meters) : say.kilometres(meters / 1000);
}
