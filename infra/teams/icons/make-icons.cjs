#!/usr/bin/env node
// Draws the Teams app icons with no dependencies: color.png (192x192, a white shield with a tick on the board's
// accent colour, full bleed as Teams asks) and outline.png (32x32, the same shield in white on transparent).
// Each pixel is 8x8 supersampled so the edges are smooth. Run again after changing a shape or the colour:
//   node infra/teams/icons/make-icons.cjs [outDir]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ACCENT = [0x1f, 0x4e, 0x79]; // manifest accentColor; white on it is 8.7:1
const WHITE = [0xff, 0xff, 0xff];

// Shapes in unit coordinates (0..1 across the icon, y down). A shield: straight sides, then tapering to a point.
function insideShield(x, y, s) {
  const top = s.top, mid = s.mid, bottom = s.bottom, half = s.half;
  if (y < top || y > bottom) return false;
  const width = y <= mid ? half : half * (1 - Math.pow((y - mid) / (bottom - mid), 2));
  return Math.abs(x - 0.5) <= width;
}
const outer = { top: 0.18, mid: 0.5, bottom: 0.86, half: 0.3 };
function shrink(s, by) {
  return { top: s.top + by, mid: s.mid, bottom: s.bottom - by * 1.6, half: s.half - by };
}

// A tick: two thick segments.
function nearSegment(x, y, ax, ay, bx, by, r) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  const px = ax + t * dx - x, py = ay + t * dy - y;
  return px * px + py * py <= r * r;
}
function insideTick(x, y, r) {
  return nearSegment(x, y, 0.37, 0.5, 0.47, 0.6, r) || nearSegment(x, y, 0.47, 0.6, 0.65, 0.38, r);
}

// colour(x, y) -> [r, g, b, a] for a point; averaged over 8x8 samples per pixel.
function render(size, colour) {
  const n = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colour((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const o = (py * size + px) * 4;
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round(a / (n * n));
    }
  }
  return rgba;
}

const colorIcon = (x, y) => {
  if (insideShield(x, y, outer) && !insideTick(x, y, 0.045)) return [...WHITE, 255];
  return [...ACCENT, 255];
};
// The outline icon is drawn thicker (it is 32 px): the shield's border and the tick, white, the rest transparent.
const inner = shrink(outer, 0.085);
const outlineIcon = (x, y) => {
  const border = insideShield(x, y, outer) && !insideShield(x, y, inner);
  return border || insideTick(x, y, 0.05) ? [...WHITE, 255] : [0, 0, 0, 0];
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] || path.join(__dirname);
fs.writeFileSync(path.join(out, 'color.png'), png(192, render(192, colorIcon)));
fs.writeFileSync(path.join(out, 'outline.png'), png(32, render(32, outlineIcon)));
console.log(`Wrote ${path.join(out, 'color.png')} and outline.png`);
