#!/usr/bin/env node
// Proves CardText.Plain against a real markdown reader: renders every typed text in the given card with
// markdown-it (links auto-detected too, as some Teams clients do) and fails if anything but plain paragraphs
// comes out: no links, emphasis, code, headings, lists, quotes, tables or HTML. Texts made with links on ("Typed with
// links") may also hold links, but only to https: or mailto: addresses that read exactly as their address.
// Usage: plain-text-check.js card.json   (run from a folder where markdown-it is installed; see check.sh)
'use strict';
const fs = require('fs');
const md = require('markdown-it')({ linkify: true });

const card = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const texts = [];
(function walk(node) {
  if (Array.isArray(node)) node.forEach(walk);
  else if (node && typeof node === 'object') {
    if ((node.title === 'Typed' || node.title === 'Typed with links') && typeof node.value === 'string')
      texts.push({ text: node.value, links: node.title === 'Typed with links' });
    Object.values(node).forEach(walk);
  }
})(card);

// A link made on purpose: https or mailto, its text the address itself (so what is shown is where it goes).
const honestLink = (href, label) =>
  (href.startsWith('https://') && decodeURI(href).replace(/\/$/, '') === decodeURI(label).replace(/\/$/, '').replace(/\(/g, '%28').replace(/\)/g, '%29'))
  || (href.startsWith('mailto:') && href.slice(7) === label);

let failed = 0;
for (const { text, links } of texts) {
  let html = md.render(text);
  if (links) {
    const bad = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].filter(([, href, label]) => !honestLink(href, label));
    for (const [, href, label] of bad) console.log(`FAIL a link to ${href} reads "${label}" in: ${JSON.stringify(text)}`);
    failed += bad.length ? 1 : 0;
    html = html.replace(/<a href="[^"]*">[^<]*<\/a>/g, '');
  }
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]).filter((t) => t !== 'p');
  if (tags.length) {
    failed++;
    console.log(`FAIL markdown made <${[...new Set(tags)].join('>, <')}> from: ${JSON.stringify(text)}`);
  }
}
console.log(`${failed ? 'FAIL' : 'ok  '} ${texts.length} typed texts render as plain paragraphs (${failed} failed)`);
process.exit(texts.length === 0 || failed ? 1 : 0);
