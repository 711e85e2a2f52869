// Draws the app icons as PNG with code (no image tools needed): a violet-to-pink gradient with a white
// double note. `icon-*.png` have rounded corners; `maskable-512.png` fills the square and keeps the note
// inside the 80% safe zone, as maskable icons must. Output goes to public/icons/ (generated, not committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const FROM = [124, 92, 255];
const TO = [255, 92, 138];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of the white note at (x, y) in unit coordinates, scaled about the centre by `scale`. */
function inNote(x, y, scale) {
  const u = (x - 0.5) / scale + 0.5;
  const v = (y - 0.5) / scale + 0.5;
  const inEllipse = (cx, cy, rx, ry) => ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 <= 1;
  const inRect = (x0, y0, x1, y1) => u >= x0 && u <= x1 && v >= y0 && v <= y1;
  const beamTop = 0.27 - (u - 0.36) * 0.25; // a slanted beam joining the two stems
  return (
    inEllipse(0.33, 0.7, 0.1, 0.08) ||
    inEllipse(0.66, 0.64, 0.1, 0.08) ||
    inRect(0.41, 0.27, 0.44, 0.7) ||
    inRect(0.74, 0.2, 0.77, 0.64) ||
    (u >= 0.41 && u <= 0.77 && v >= beamTop && v <= beamTop + 0.08)
  );
}

function inRoundedSquare(x, y, radius) {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function draw(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4; // 4×4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let note = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (maskable || inRoundedSquare(x, y, 0.22)) background++;
          if (inNote(x, y, maskable ? 0.72 : 0.9)) note++;
        }
      }
      const total = samples * samples;
      const t = (px + py) / (2 * size);
      const noteShare = note / total;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        const gradient = FROM[c] + (TO[c] - FROM[c]) * t;
        rgba[offset + c] = Math.round(gradient * (1 - noteShare) + 255 * noteShare);
      }
      rgba[offset + 3] = Math.round((Math.max(background, note) / total) * 255);
    }
  }
  return encodePng(size, rgba);
}

mkdirSync(outDir, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
]) {
  writeFileSync(join(outDir, name), draw(size, { maskable }));
}
console.log('icons: public/icons/icon-192.png, icon-512.png, maskable-512.png');
