#!/usr/bin/env node
// Measures cards as Teams draws them on a phone: the official `adaptivecards` renderer with the Teams host config
// (light and dark, from cards/Schema), markdown-it for TextBlock markdown, in headless Chromium, at 358 px wide
// (a 390 px phone less Teams' margins). One browser for every card and both themes, so a whole folder takes seconds.
//
// Usage: measure.cjs [--width PX] [--png DIR] [--out FILE] card.json [more.json ...]
// Writes JSON (to --out, else stdout): [{ name, theme, height, buttons: [{ title, truncated, style }],
//   lowContrast: [{ text, ratio, color, background }], errors: [...] }, ...]. With --png, also a PNG per card and theme.
// Needs Chromium: /usr/bin/chromium or CHROMIUM_PATH (`apt-get install -y chromium`).
'use strict';
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { chromium } = require('playwright-core');

const { values: opt, positionals: files } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '358' }, png: { type: 'string' }, out: { type: 'string' } },
});
const width = Number(opt.width);
if (files.length === 0 || !(width > 0)) {
  console.error('usage: measure.cjs [--width PX] [--png DIR] [--out FILE] card.json [more.json ...]');
  process.exit(2);
}
const schemas = path.join(__dirname, '..', '..', 'cards', 'Schema');
const acDist = path.dirname(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  process.exit(3);
}

// Runs inside the page: renders one card into #card and measures it.
function renderAndMeasure({ card, hostConfig }) {
  const md = window.markdownit();
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = md.render(text);
    result.didProcess = true;
  };
  const ac = new AdaptiveCards.AdaptiveCard();
  ac.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  const context = new AdaptiveCards.SerializationContext();
  ac.parse(card, context);
  const host = document.getElementById('card');
  host.replaceChildren();
  const element = ac.render();
  if (!element) throw new Error('the renderer produced nothing');
  host.appendChild(element);

  const rgba = (css) => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  // The colour behind an element: its own and its ancestors' backgrounds, blended from the page up.
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };

  const lowContrast = [];
  for (const el of host.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join(' ');
    if (!own || !visible(el)) continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const r = ratio(fg, bg);
    if (r < 4.5) lowContrast.push({ text: own.slice(0, 60), ratio: Math.round(r * 100) / 100, color: getComputedStyle(el).color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})` });
  }
  const buttons = Array.from(host.querySelectorAll('button.ac-pushButton')).filter(visible).map((b) => ({
    title: b.textContent.trim(),
    truncated: b.scrollWidth > b.clientWidth + 1 || Array.from(b.querySelectorAll('*')).some((c) => c.scrollWidth > c.clientWidth + 1),
    style: ['positive', 'destructive'].find((s) => b.classList.contains(`style-${s}`)) || 'default',
  }));
  return {
    height: Math.round(host.getBoundingClientRect().height),
    buttons,
    lowContrast,
    errors: Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message),
  };
}

(async () => {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  try {
    for (const theme of ['light', 'dark']) {
      const hostConfig = JSON.parse(fs.readFileSync(path.join(schemas, `teams-hostconfig-${theme}.json`), 'utf8'));
      const dark = theme === 'dark';
      const tab = await browser.newPage({ viewport: { width: width + 40, height: 800 } });
      await tab.route('**/*', (route) => route.abort()); // offline: remote images are never fetched
      // Links: the renderer's stylesheet colours them #005A9E whatever the theme; Teams colours them with the theme's
      // brand colour, which is the host config's accent colour.
      await tab.setContent(`<style>
          #card .ac-pushButton.expandable:after { font-family: inherit; content: " \\25BE"; }
          #card a.ac-anchor:link, #card a.ac-anchor:visited { color: ${hostConfig.containerStyles.default.foregroundColors.accent.default}; }
        </style><body style="margin:0"><div id="frame" style="display:inline-block;padding:12px;background:${dark ? '#1f1f1f' : '#f5f5f5'}">
          <div id="card" style="width:${width}px;border-radius:6px;overflow:hidden;border:1px solid ${dark ? '#3d3d3d' : '#e0e0e0'};
            background:${hostConfig.containerStyles.default.backgroundColor}"></div></div></body>`);
      await tab.addStyleTag({ path: path.join(acDist, 'adaptivecards.css') });
      await tab.addScriptTag({ path: path.join(acDist, 'adaptivecards.min.js') });
      await tab.addScriptTag({ path: path.join(path.dirname(require.resolve('markdown-it/package.json')), 'dist', 'browser', 'markdown-it.umd.min.js') });
      if (opt.png) fs.mkdirSync(path.join(opt.png, theme), { recursive: true });
      for (const file of files) {
        const name = path.basename(file, path.extname(file));
        try {
          const card = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
          const measured = await tab.evaluate(renderAndMeasure, { card, hostConfig });
          if (opt.png) await tab.locator('#frame').screenshot({ path: path.join(opt.png, theme, `${name}.png`) });
          results.push({ name, theme, ...measured });
        } catch (err) {
          results.push({ name, theme, height: -1, buttons: [], lowContrast: [], errors: [String(err.message || err)] });
        }
      }
      await tab.close();
    }
  } finally {
    await browser.close();
  }
  const json = JSON.stringify(results, null, 1);
  if (opt.out) fs.writeFileSync(opt.out, json); else process.stdout.write(json + '\n');
})().catch((err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
