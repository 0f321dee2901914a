#!/usr/bin/env node
// @ts-check
/**
 * Generates every icon the installers need from ONE source, build/icon.svg:
 *   build/icons/<N>x<N>.png  (Linux: electron-builder picks sizes from this folder; the tray uses 32x32)
 *   build/icon.png           (1024 px, electron-builder's fallback source)
 *   build/icon.ico           (Windows: PNG-compressed entries 16–256, Vista+ format)
 *   build/icon.icns          (macOS: PNG entries 16–1024 incl. @2x)
 * resvg (Rust, prebuilt binary inside its npm package) rasterises offline; the ICO and ICNS
 * containers are simple enough to write here rather than pull in another dependency.
 *
 *   node build/icons.mjs [outDir]     (outDir defaults to build/)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SOURCE_SVG = join(HERE, 'icon.svg');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, with their pixel size (the @2x ones count device pixels). */
export const ICNS_TYPES = /** @type {const} */ ([
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
]);

/** @param {string} svg @param {number} size */
export function renderPng(svg, size) {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

/** ICO: ICONDIR (6 bytes) + one 16-byte ICONDIRENTRY per image + the PNG files. 256 is written as 0. */
/** @param {Array<{ size: number, png: Buffer }>} images */
export function buildIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** ICNS: 'icns' + total length (big-endian), then per element: 4-char type + length incl. its 8-byte header + data. */
/** @param {Array<{ type: string, png: Buffer }>} elements */
export function buildIcns(elements) {
  const chunks = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 4, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 4, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** @param {string} outDir */
export function generateIcons(outDir = HERE) {
  const svg = readFileSync(SOURCE_SVG, 'utf8');
  /** @type {Map<number, Buffer>} */
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]));
  const png = (/** @type {number} */ size) => /** @type {Buffer} */ (pngs.get(size));
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const size of PNG_SIZES) writeFileSync(join(outDir, 'icons', `${size}x${size}.png`), png(size));
  writeFileSync(join(outDir, 'icon.png'), png(1024));
  writeFileSync(join(outDir, 'icon.ico'), buildIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  writeFileSync(join(outDir, 'icon.icns'), buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = generateIcons(process.argv[2] ? resolve(process.argv[2]) : HERE);
  console.log(`icons written to ${outDir}`);
}
