// Draws the PNG app icons (192 and 512 px) with Node's built-in zlib only; public/icon.svg is the
// same picture as a vector. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [0x1f, 0x4e, 0x79];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x2e, 0x9e, 0x5b];

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function nearSegment(x, y, [ax, ay], [bx, by], width) {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (width / 2) ** 2;
}

/** The colour at a point of the 512-unit design, or null for transparent. */
function colourAt(x, y) {
  if (!inRoundRect(x, y, 0, 0, 512, 512, 96)) return null;
  const lines = [
    [
      [176, 200],
      [336, 200],
    ],
    [
      [176, 260],
      [336, 260],
    ],
    [
      [176, 320],
      [272, 320],
    ],
  ];
  const tick = [
    [
      [300, 330],
      [328, 358],
    ],
    [
      [328, 358],
      [380, 294],
    ],
  ];
  if (tick.some(([a, b]) => nearSegment(x, y, a, b, 28))) return GREEN;
  if (inRoundRect(x, y, 120, 112, 392, 412, 28)) {
    return lines.some(([a, b]) => nearSegment(x, y, a, b, 28)) ? BRAND : WHITE;
  }
  return BRAND;
}

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const colour = colourAt(((px + 0.5) * 512) / size, ((py + 0.5) * 512) / size);
      if (colour) row.set([...colour, 0xff], 1 + px * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(`public/icon-${size}.png`, png(size));
