#!/usr/bin/env node
// Proves CardText.Plain against a real markdown reader: renders every typed text in the given card with
// markdown-it (links auto-detected too, as some Teams clients do) and fails if anything but plain paragraphs
// comes out: no links, emphasis, code, headings, lists, quotes, tables or HTML.
// Usage: plain-text-check.js card.json   (run from a folder where markdown-it is installed; see check.sh)
'use strict';
const fs = require('fs');
const md = require('markdown-it')({ linkify: true });

const card = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const texts = [];
(function walk(node) {
  if (Array.isArray(node)) node.forEach(walk);
  else if (node && typeof node === 'object') {
    if (node.title === 'Typed' && typeof node.value === 'string') texts.push(node.value);
    Object.values(node).forEach(walk);
  }
})(card);

let failed = 0;
for (const text of texts) {
  const html = md.render(text);
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]).filter((t) => t !== 'p');
  if (tags.length) {
    failed++;
    console.log(`FAIL markdown made <${[...new Set(tags)].join('>, <')}> from: ${JSON.stringify(text)}`);
  }
}
console.log(`${failed ? 'FAIL' : 'ok  '} ${texts.length} typed texts render as plain paragraphs (${failed} failed)`);
process.exit(texts.length === 0 || failed ? 1 : 0);
