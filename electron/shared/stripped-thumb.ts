/**
 * Telegram's stripped photo thumbnails (`photoStrippedSize`, size type "i"): a tiny JPEG (at most
 * 40×40) sent inline with the message, minus the parts every such JPEG shares. Byte 0 is 1, byte 1
 * the height, byte 2 the width, the rest the entropy-coded scan. Putting back the fixed header
 * (quantisation and Huffman tables, a 4:2:0 baseline frame) with the size patched in, and the
 * end-of-image marker, gives a JPEG any decoder reads. Pure: used by the page and the local DC.
 */

/** The header every stripped thumbnail shares, up to and including the start of scan; 623 bytes. */
export const STRIPPED_JPEG_HEADER_HEX =
  'ffd8ffe000104a46494600010100000100010000ffdb004300281c1e231e19282321232d2b28303c64413c37373c7b585d4964918099968f808c8aa0b4e6c3a0aadaad8a8cc8ffcbdaeef5ffffff9bc1fffffffaffe6fdfff8ffdb0043012b2d2d3c353c76414176f8a58ca5f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8ffc00011080000000003012200021101031101ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a0bffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda000c03010002110311003f00';

/** Where the frame header (SOF0) keeps the low bytes of the height and the width. */
const HEIGHT_AT = 164;
const WIDTH_AT = 166;
/** Telegram sends no thumbnail bigger than this (40×40 at the worst quality is a few KB). */
export const MAX_STRIPPED_BYTES = 3072;

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export const STRIPPED_JPEG_HEADER: Readonly<Uint8Array> = fromHex(STRIPPED_JPEG_HEADER_HEX);

/**
 * The full JPEG for a stripped thumbnail, or null when the bytes are not one (wrong version
 * byte, a zero side, too short or too long): a bad server must not make the page decode junk.
 */
export function expandStrippedThumb(stripped: Uint8Array): Uint8Array | null {
  if (stripped.length < 4 || stripped.length > MAX_STRIPPED_BYTES || stripped[0] !== 1) return null;
  const height = stripped[1]!;
  const width = stripped[2]!;
  if (height === 0 || width === 0) return null;
  const jpeg = new Uint8Array(STRIPPED_JPEG_HEADER.length + stripped.length - 3 + 2);
  jpeg.set(STRIPPED_JPEG_HEADER, 0);
  jpeg[HEIGHT_AT] = height;
  jpeg[WIDTH_AT] = width;
  jpeg.set(stripped.subarray(3), STRIPPED_JPEG_HEADER.length);
  jpeg[jpeg.length - 2] = 0xff;
  jpeg[jpeg.length - 1] = 0xd9;
  return jpeg;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64ToBytes(base64: string): Uint8Array | null {
  if (!BASE64.test(base64)) return null;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** A `data:image/jpeg` URL for a stripped thumbnail sent as base64 (ChatMedia's `thumb`), or null. */
export function strippedThumbDataUrl(base64: string): string | null {
  const bytes = base64ToBytes(base64);
  const jpeg = bytes && expandStrippedThumb(bytes);
  return jpeg ? `data:image/jpeg;base64,${bytesToBase64(jpeg)}` : null;
}
