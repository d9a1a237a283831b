/** Thai text as TIS-620 / Windows-874 bytes, as Thai Excel saves "CSV (Comma delimited)". */
export function encodeTis620(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x0e01 && code <= 0x0e5b) return code - 0x0e00 + 0xa0;
    throw new Error(`not in TIS-620: ${char}`);
  });
}
