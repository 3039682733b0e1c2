#!/usr/bin/env node
// Takes the README's screenshots: a person's whole referral in the Microsoft 365 Agents Playground, driven through
// its web UI by clicking and typing (no API shortcuts), then the coordinators' channel with the triage card; then the
// board's side: triage, the statutory partners' shared card filling up to an early-majority decision, the agreed
// response recorded and fed back to the referrer (10-15); then the coordinators' view: the case register, a case and its
// log, the measures, a legal hold and the export's offer (16-20).
// The Playground's UI always acts as its currentUser (Alex Wilber, coordinator and deputy board manager, not in a
// partner agency), so the partners' views are given as Megan Bowen (local authority) and Adele Vance (police) through
// the Playground's own HTTP API, as the end-to-end tests do; the UI then shows the shared card the bot updates in place.
//
// How to run (Debian/Ubuntu; needs the distro's Chromium, no browser is downloaded):
//   sudo apt-get install -y chromium                       # once
//   (cd infra && npm ci)                                   # playwright-core comes with the local tools
//   rm -rf .local/azurite && infra/run-local.sh            # in one terminal: clean data, bot + Playground
//   node infra/playground/screenshots.cjs                  # in another: writes docs/screenshots/*.png
//
// It needs a clean start: the bot sends its welcome card only the first time a person opens the chat, and the
// Playground keeps messages in memory, so stop run-local, delete .local/azurite and start it again before each run.
// Settings (environment): PLAYGROUND_URL (default http://127.0.0.1:56150), CHROMIUM (default /usr/bin/chromium),
// SCREENSHOTS_DIR (default docs/screenshots). Everything typed is fictional test data.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const playgroundUrl = process.env.PLAYGROUND_URL || 'http://127.0.0.1:56150';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const outDir = path.resolve(root, process.env.SCREENSHOTS_DIR || 'docs/screenshots');
const width = 1400;
// Tall enough for the longest card (the review page) in one piece. Resizing the window later is not an option: the
// Playground redraws its cards on resize and forgets what was typed into them.
const height = Number(process.env.WINDOW_HEIGHT || 3600);
const cardWait = 20_000;

/** Details of the person that must never reach a channel (checked on the triage card before its screenshot). */
const personalDetails = ['Alex Example', '1960', '1 Test Street', 'Testtown', 'LAS-12345', 'Fire risk from hoarding',
  'Falls on the stairs', 'Long-standing self-neglect', 'Refuses home care visits'];

const step = (message) => console.log(`- ${message}`);
class Stop extends Error {}

(async () => {
  if (!fs.existsSync(chromiumPath)) throw new Stop(`No Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM.`);
  try {
    const ping = await fetch(`${playgroundUrl}/_debug/ping`);
    if (!ping.ok) throw new Error(`HTTP ${ping.status}`);
  } catch (e) {
    throw new Stop(`The Agents Playground is not answering at ${playgroundUrl} (${e.message}): start infra/run-local.sh first.`);
  }
  fs.mkdirSync(outDir, { recursive: true });

  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/London' });
    await run(page);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(`\nScreenshots FAILED: ${e instanceof Stop ? e.message : e.stack}`);
  process.exit(1);
});

async function run(page) {
  // Every card click is an invoke; one that fails would only show as a red bar, so it stops the run here.
  const failures = [];
  page.on('response', async (r) => {
    if (r.url().includes('/_conversation/v1/invoke') && r.status() !== 200)
      failures.push(`invoke answered HTTP ${r.status()}: ${(await r.text().catch(() => '')).slice(0, 300)}`);
  });
  const ui = new Playground(page, failures);
  // The bot's messages as the page receives them (the Playground has no API to list them): the partners' card's
  // message id and JSON, to click it as other people.
  const botMessages = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    try {
      for (const m of [JSON.parse(payload.toString())].flat()) if (m?.message?.messageId) botMessages.push(m);
    } catch { /* not JSON: not a message */ }
  }));

  step(`opening ${playgroundUrl}`);
  await page.goto(playgroundUrl, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Hide log panel' }).click(); // more room for the chat, no request log
  await page.getByText('Personal Chat', { exact: true }).click();

  let card = await ui.expectCard('the welcome card', 'Welcome', 'The bot greets a person only once: restart run-local with an empty .local/azurite.');
  await ui.shoot('01-welcome.png', card, { window: true });

  await ui.click(card, 'Start a referral');
  card = await ui.expectCard('the route check', 'Before you start');
  for (const question of ['Is the person at immediate or urgent risk?',
    'Is this mainly a disagreement between professionals or agencies?',
    'Does the person lack capacity for the decision in question?'])
    await ui.choose(card, question, 'No');
  await ui.shoot('02-before-you-start.png', card);

  await ui.click(card, 'Continue');
  card = await ui.expectCard('section 1', 'Section 1 of 6');
  await ui.click(card, 'Next');
  card = await ui.expectCard('section 1 with the missing answers marked', 'Please correct the');
  await ui.expectText(card, 'Enter the person\'s name');
  await ui.shoot('03-section-1-errors.png', card);

  await ui.type(card, {
    "The person's full name": 'Alex Example',
    'Date of birth': '1960-05-01',
    'Address or locality': '1 Test Street, Testtown',
    "Your system's reference for the person": 'LAS-12345',
    'Your role': 'Social worker',
  });
  await ui.select(card, 'Your agency', 'Adult Social Care');
  await ui.click(card, 'Next');

  card = await ui.expectCard('section 2', 'Section 2 of 6');
  await ui.type(card, { "The person's care and support needs": 'Needs help with daily living, meals and keeping the home safe.' });
  await ui.tick(card, 'The needs arise from a physical or mental impairment or illness');
  await ui.tick(card, 'Managing and maintaining nutrition');
  await ui.tick(card, 'Maintaining a habitable home environment');
  await ui.choose(card, 'The most significant harm', 'Self-neglect, including hoarding');
  await ui.shoot('04-section-2-filled.png', card);
  await ui.click(card, 'Next');

  card = await ui.expectCard('section 3', 'Section 3 of 6');
  await ui.type(card, { 'The specific decision capacity relates to': 'Whether to accept care at home' });
  await ui.choose(card, 'Has capacity for this decision been formally assessed?', 'Yes');
  await ui.type(card, {
    'When it was assessed': '2026-02-10',
    'Who assessed it (name and role)': 'Dr A, psychiatrist',
  });
  await ui.choose(card, 'The conclusion', 'Has capacity for this decision');
  await ui.type(card, { 'Evidence of capacity': 'Understood, retained and weighed the information.' });
  await ui.choose(card, 'Does the person consistently refuse essential services?', 'Yes');
  await ui.type(card, { 'Which services are refused, and how': 'Refuses home care visits.' });
  await ui.click(card, 'Next');

  card = await ui.expectCard('section 4', 'Section 4 of 6');
  await ui.type(card, {
    'Agencies involved': 'ASC, GP, police',
    'Multi-agency meetings held, and when': 'Three MARM meetings since October',
    'Risk assessment tool used': 'MARM risk tool',
    'Link to the latest risk assessment': 'https://records.example.org/ra/1',
    ...risk(1, 'Fire risk from hoarding', 'Engages with GP', 'Fire service visit', [5, 5, 3, 4]),
    'Why the group has no further interventions to offer': 'All options offered have been refused.',
  });
  await ui.click(card, 'Add another risk');
  card = await ui.expectCard('the second risk', 'Risk 2: what the group is worried about');
  await ui.type(card, risk(2, 'Falls on the stairs at night', 'Uses the handrail', 'Occupational therapy assessment', [5, 5, 5, 4]));
  await ui.shoot('05-two-risks.png', card);
  await ui.click(card, 'Next');

  card = await ui.expectCard('section 5', 'Section 5 of 6');
  await ui.tick(card, 'Managing and maintaining nutrition');
  await ui.tick(card, 'Being able to make use of the home safely');
  await ui.type(card, {
    'Agencies that share this level of concern': 'GP, police',
    'The situation of concern': 'Long-standing self-neglect.',
  });
  await ui.click(card, 'Next');

  card = await ui.expectCard('section 6', 'Section 6 of 6');
  await ui.choose(card, 'Has the person consented to this referral being shared?', 'Yes, the person consents');
  await ui.choose(card, 'Lawful basis (UK GDPR Article 6)', 'Article 6(1)(e) public task');
  await ui.choose(card, 'Special category condition (UK GDPR Article 9)',
    'Article 9(2)(g) with DPA 2018 Sch 1 para 18: safeguarding of individuals at risk');
  await ui.type(card, {
    'Senior manager who reviewed and agreed this referral': 'Pat Senior',
    "Senior manager's role": 'Head of service',
    "Senior manager's agency": 'Adult Social Care',
    'Date the senior manager agreed': '2026-03-20',
  });
  await ui.click(card, 'Next');

  card = await ui.expectCard('the review page', 'Check your answers');
  if (await card.getByText('Some answers need correcting').count())
    throw new Stop(`The review page says some answers need correcting:\n${await card.innerText()}`);
  await ui.expectText(card, 'Falls on the stairs at night');
  await ui.shoot('06-check-your-answers.png', card);

  await ui.click(card, 'Submit referral');
  card = await ui.expectCard('the confirmation', 'Referral submitted');
  const reference = (await card.innerText()).match(/SAB-\d{4}-\d{4}/)?.[0];
  if (!reference) throw new Stop(`The confirmation shows no SAB reference:\n${await card.innerText()}`);
  step(`submitted as ${reference}`);
  const confirmation = page.locator('.ac-adaptiveCard').filter({ hasText: 'Referral submitted' }).last();

  await ui.send('my referrals');
  card = await ui.expectCard('the list of my referrals', 'My referrals');
  await ui.expectText(card, reference);
  // One picture of the conversation: the confirmation, "my referrals" typed (on the right), and the answer.
  await ui.shoot('07-submitted-and-my-referrals.png', card, { from: confirmation, paneWidth: true });

  step('opening the coordinators\' channel (General)');
  await page.getByText('General', { exact: true }).click();
  card = await ui.expectCard(`the triage card for ${reference} in General`, `Triage referral ${reference}`,
    'The outbox posts it within a few seconds; see .local/logs/bot.log.');
  const shown = await card.innerText();
  const leaked = personalDetails.filter((d) => shown.includes(d));
  if (leaked.length) throw new Stop(`The triage card in the channel shows personal details: ${leaked.join(', ')}`);
  step('checked: the triage card shows none of the person\'s details');
  // The window as the coordinator sees it (the bot's channel welcome, then the top of the triage card), and the whole card.
  await ui.shoot('08-coordinators-channel.png', card, { window: true, until: card.getByText('Needs identified', { exact: true }) });
  await ui.shoot('09-triage-card.png', card);

  await boardSide(page, ui, reference, botMessages);

  step(`done: ${fs.readdirSync(outDir).filter((f) => f.endsWith('.png')).length} screenshots in ${path.relative(root, outDir)}/`);
}

/**
 * The board's side, from the triage card in General: Alex triages in the UI; Megan and Adele give their agencies'
 * views through the Playground's API; Alex records the agreed response in the UI; the referrer's feedback.
 */
async function boardSide(page, ui, reference, botMessages) {
  let card = await ui.expectCard(`the triage card for ${reference}`, `Triage referral ${reference}`);
  const checks = card.getByRole('radiogroup', { name: /^Is ".*" met\?$/ });
  const count = await checks.count();
  if (count !== 5) throw new Stop(`Expected the five triage checks on the card; found ${count}.`);
  for (let i = 0; i < count; i++) await checks.nth(i).getByRole('radio', { name: 'Met', exact: true }).check();
  step('marked the five checks "Met"');
  await ui.click(card, 'Send to statutory partners');
  card = await ui.expectCard('the triage outcome', `Referral ${reference}: Sent to statutory partners`);
  await ui.noPersonalDetails(card);
  await ui.shoot('10-triage-sent.png', card);

  step('opening the statutory partners\' channel');
  await page.getByText('Statutory Partners', { exact: true }).click();
  card = await ui.expectCard('the partners\' card', `Referral ${reference}: statutory partners' views`);
  await ui.expectText(card, '0 of 3');
  await ui.noPersonalDetails(card);
  await ui.shoot('11-partners-card.png', card);

  const posted = botMessages.find((m) => m.action === 'createMessage' && m.actionConversationId?.startsWith(partnersChannel)
    && JSON.stringify(m.message.attachments ?? []).includes(`Referral ${reference}: statutory partners' views`));
  if (!posted) throw new Stop('The partners\' card was not seen on the Playground\'s WebSocket.');
  const shared = {
    // A new post is its own thread: it is clicked in "<channelId>;messageid=<its id>".
    conversationId: posted.actionConversationId.includes(';') ? posted.actionConversationId
      : `${posted.actionConversationId};messageid=${posted.message.messageId}`,
    messageId: posted.message.messageId,
    card: posted.message.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').content,
  };

  // While the case is with the partners, its deadlines running: the coordinators' view of it (16-20).
  await coordinators(page, ui, reference);
  await page.getByText('Statutory Partners', { exact: true }).click();

  for (const [who, id, rationale, expected, file] of [
    ['Megan Bowen (local authority)', 'user-id-1', 'Single-agency work by the local authority is under way; review by email.', '1 of 3', '12-partners-one-view.png'],
    ['Adele Vance (police)', 'user-id-2', 'No police role beyond the existing welfare checks.', 'Early majority', '13-partners-decided.png'],
  ]) {
    // Opening the card in Teams refreshes it: the person's own copy, with their agency's choice and "Give view".
    const own = await invoke(shared, shared.card, 'partners.refresh', {}, id);
    if (!JSON.stringify(own).includes('Your agency\'s view')) throw new Stop(`${who}'s card has no choice to make:\n${JSON.stringify(own)}`);
    await invoke(shared, own, 'partners.view', { choice: 'NoMeeting', rationale }, id);
    step(`${who} gave the view "no meeting" (through the Playground's API)`);
    card = await ui.expectCard(`the shared card showing ${expected}`, expected, '', { anywhere: true });
    await ui.noPersonalDetails(card);
    await ui.shoot(file, card);
  }
  if (await card.getByRole('button').count()) throw new Stop(`The decided card still has buttons:\n${await card.innerText()}`);

  step('back to the coordinators\' channel (General)');
  await page.getByText('General', { exact: true }).click();
  card = await ui.expectCard('the decision notice', `Referral ${reference}: the statutory partners have decided`, '', { anywhere: true });
  await ui.click(card, 'Record the agreed response');
  card = await ui.expectCard('the agreed-response form', 'the partners\' agreed response', '', { anywhere: true });
  const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await ui.typeFirst(card, {
    'Rationale for the decision': 'The partners agree that an email review and the agreed actions are proportionate.',
    'What will be done': 'Arrange a joint visit with the GP',
    'Owner (person or agency)': 'Adult Social Care',
    'By when': due,
  });
  await ui.click(card, 'Record and feed back');
  // The click's answer ("agreed response recorded") is replaced at once by the bot's update of the notice itself.
  card = await ui.expectCard('the closed decision notice', 'fed back to the referrer. Case closed', '', { anywhere: true });
  await ui.noPersonalDetails(card);
  await ui.shoot('14-agreed-response-recorded.png', card);

  step('opening Alex\'s personal chat (the referrer)');
  await page.getByText('Personal Chat', { exact: true }).click();
  card = await ui.expectCard('the referrer\'s feedback', `Referral ${reference}: the statutory partners' response`, '', { anywhere: true });
  await ui.expectText(card, 'Arrange a joint visit with the GP');
  await ui.shoot('15-referrer-feedback.png', card);
}

const partnersChannel = 'channel-partners-id';

/**
 * README "For coordinators" (16-20): in General, the register, a case opened from it and its log, the measures; a legal
 * hold; the export's consent card in the personal chat. Commands in General are new posts that @mention the bot with
 * the Playground's mention picker; the cards are then clicked in the UI.
 */
async function coordinators(page, ui, reference) {
  const say = async (text) => {
    step(`post "@Safeguarding Bot ${text}" in General`);
    await page.locator('[data-lexical-editor="true"]').first().click();
    await page.keyboard.type('@Safeguarding');
    await page.getByRole('menuitem', { name: 'Safeguarding Bot' }).click(); // the mention picker's suggestion
    await page.keyboard.type(` ${text}`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
  };
  await page.getByText('General', { exact: true }).click();
  await say('cases');
  let card = await ui.expectCard('the case register', 'Case register', '', { anywhere: true });
  await ui.expectText(card, reference);
  await ui.noPersonalDetails(card);
  await ui.shoot('16-case-register.png', card);

  step(`open ${reference} from its row`);
  await card.getByText(reference, { exact: true }).first().click();
  card = await ui.expectCard('the case summary', `Case ${reference}`, '', { anywhere: true });
  await ui.shoot('17-case-summary.png', card);
  await ui.click(card, 'Case log');
  card = await ui.expectCard('the case log', `Case log: ${reference}`, '', { anywhere: true });
  await ui.noPersonalDetails(card);
  await ui.shoot('18-case-log.png', card);

  await say('measures');
  card = await ui.expectCard('the measures', 'Board measures', '', { anywhere: true });
  await ui.shoot('19-measures.png', card);

  await say(`hold ${reference}`);
  await page.getByText(`Case ${reference} is on legal hold`).last().waitFor({ timeout: cardWait });
  step('saw the legal hold confirmed');

  step('opening Alex\'s personal chat for the export');
  await page.getByText('Personal Chat', { exact: true }).click();
  await ui.send('export');
  const offer = page.getByText('Here is the case log export').last();
  await offer.waitFor({ timeout: cardWait });
  await page.waitForTimeout(500);
  // The message and whatever the Playground draws for its attachment, just below.
  const box = await offer.boundingBox();
  await page.screenshot({ path: path.join(outDir, '20-export-offer.png'),
    clip: { x: Math.max(0, box.x - 70), y: Math.max(0, box.y - 56), width: 720, height: box.height + 200 } });
  step('saved docs/screenshots/20-export-offer.png');
}

/**
 * Clicks an Action.Execute of a card as another mock person, through the Playground's API (its UI acts only as its
 * currentUser): the button's data plus the card's inputs, as the Playground sends them. Returns the answered card.
 */
async function invoke(shown, card, verb, typed, fromId) {
  const all = [];
  const walk = (n) => { if (Array.isArray(n)) n.forEach(walk); else if (n && typeof n === 'object') { all.push(n); Object.values(n).forEach(walk); } };
  walk(card);
  const button = all.find((e) => e.type === 'Action.Execute' && e.verb === verb);
  if (!button) throw new Stop(`The card has no "${verb}" action:\n${JSON.stringify(card)}`);
  const data = { ...(button.data ?? {}) };
  if (button.associatedInputs !== 'none')
    for (const input of all.filter((e) => e.type?.startsWith('Input.'))) data[input.id] = typed[input.id] ?? input.value ?? '';
  const response = await fetch(`${playgroundUrl}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', title: verb, verb, data } },
      from: { id: fromId },
      conversation: { id: shown.conversationId },
      replyToId: shown.messageId,
    }),
  });
  const text = await response.text();
  if (!response.ok) throw new Stop(`${verb} as ${fromId} answered HTTP ${response.status}: ${text.slice(0, 400)}`);
  const answer = JSON.parse(text);
  if (answer.type !== 'application/vnd.microsoft.card.adaptive') throw new Stop(`${verb} as ${fromId} answered ${text.slice(0, 400)}`);
  return answer.value;
}

/** The labelled inputs of risk n: three narratives and the four scores (likelihood and impact, before then after). */
function risk(n, worries, workingWell, actionsTaken, [likelihoodBefore, impactBefore, likelihoodAfter, impactAfter]) {
  return {
    [`Risk ${n}: what the group is worried about`]: worries,
    [`Risk ${n}: what is working well`]: workingWell,
    [`Risk ${n}: actions taken`]: actionsTaken,
    [`Risk ${n}: likelihood before mitigation (1-5)`]: String(likelihoodBefore),
    [`Risk ${n}: impact before mitigation (1-5)`]: String(impactBefore),
    [`Risk ${n}: likelihood after mitigation (1-5)`]: String(likelihoodAfter),
    [`Risk ${n}: impact after mitigation (1-5)`]: String(impactAfter),
  };
}

/** The Playground's web UI as a person uses it: the last card in the open conversation, its inputs and buttons. */
class Playground {
  constructor(page, failures) {
    this.page = page;
    this.failures = failures;
  }

  /**
   * Waits for the newest card in the conversation to contain text; fails naming what was expected. anywhere: the
   * newest card with that text wherever it is (a channel lists a post that came while another conversation was open
   * at the top, not at the end).
   */
  async expectCard(what, text, hint = '', { anywhere = false } = {}) {
    const cards = this.page.locator('.ac-adaptiveCard');
    const card = anywhere ? cards.filter({ hasText: text }).last() : cards.last();
    try {
      await card.filter({ hasText: text }).waitFor({ timeout: cardWait });
    } catch {
      this.checkInvokes();
      const last = (await card.count()) ? (await card.innerText()).slice(0, 400) : '(no card at all)';
      throw new Stop(`Expected ${what} (a card with "${text}") within ${cardWait / 1000} s; it did not appear. ${hint}\n` +
        `The newest card says:\n${last}`);
    }
    this.checkInvokes();
    await this.dismissNotices();
    step(`saw ${what}`);
    return card;
  }

  async expectText(card, text) {
    if (!(await card.getByText(text, { exact: false }).count()))
      throw new Stop(`Expected "${text}" on the card; it says:\n${await card.innerText()}`);
  }

  checkInvokes() {
    if (this.failures.length) throw new Stop(`A card action failed: ${this.failures.join('; ')}`);
  }

  async click(card, button) {
    step(`click "${button}"`);
    await card.getByRole('button', { name: button, exact: true }).click();
  }

  /** Types into labelled text, date and number inputs (dates as yyyy-mm-dd, which the date picker accepts). */
  async type(card, answers) {
    for (const [label, value] of Object.entries(answers)) {
      const input = card.getByLabel(label, { exact: true });
      if ((await input.count()) !== 1) throw new Stop(`Expected one input labelled "${label}"; found ${await input.count()}.`);
      await input.fill(value);
      await input.press('Tab'); // leaves the field, as a person would; commits the date picker's text
    }
    step(`typed ${Object.keys(answers).length} answer(s)`);
  }

  /** Picks an option of a choice set shown as a drop-down (the board's list of referring agencies). */
  async select(card, label, option) {
    const list = card.getByLabel(label, { exact: true });
    if ((await list.count()) !== 1) throw new Stop(`Expected one drop-down labelled "${label}"; found ${await list.count()}.`);
    await list.selectOption({ label: option });
    step(`chose "${option}" for "${label}"`);
  }

  /** Types into the first input with each label (the agreed-response form repeats its action fields three times). */
  async typeFirst(card, answers) {
    for (const [label, value] of Object.entries(answers)) {
      const input = card.getByLabel(label).first(); // not exact: a required field's label ends with a marker
      await input.fill(value);
      await input.press('Tab');
    }
    step(`typed ${Object.keys(answers).length} answer(s)`);
  }

  /** Fails if a card in a channel shows any of the person's details. */
  async noPersonalDetails(card) {
    const shown = await card.innerText();
    const leaked = personalDetails.filter((d) => shown.includes(d));
    if (leaked.length) throw new Stop(`A card in a channel shows personal details: ${leaked.join(', ')}`);
  }

  /** Picks an option of a choice set shown as radio buttons. */
  async choose(card, question, option) {
    await card.getByRole('radiogroup', { name: question, exact: true }).getByRole('radio', { name: option, exact: true }).check();
    step(`chose "${option}" for "${question}"`);
  }

  /** Ticks a checkbox (a toggle, or one option of a multi-select, named "<question> <option>") by the end of its name. */
  async tick(card, label) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const box = card.getByRole('checkbox', { name: new RegExp(`(^| )${escaped}$`) });
    if ((await box.count()) !== 1) throw new Stop(`Expected one checkbox "${label}"; found ${await box.count()}.`);
    await box.check();
    step(`ticked "${label}"`);
  }

  async send(text) {
    step(`type "${text}" in the chat`);
    const box = this.page.locator('[data-lexical-editor="true"]');
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Saves a PNG of a card's message: its sender line and the whole card, in the card's column of the chat pane (cards
   * are narrow here, as the Playground has no full width). The window is already tall enough, so nothing scrolls away. Options: from, an earlier card to start at; paneWidth, the
   * whole pane (for the person's own messages, on the right); window, the whole window from the top; until, an
   * element of the card to stop just above.
   */
  async shoot(file, card, { from = null, paneWidth = false, window = false, until = null } = {}) {
    await this.page.evaluate(() => document.activeElement?.blur()); // no focus ring on the last field typed into
    await card.evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await this.page.waitForTimeout(400);
    const last = await this.messageOf(card);
    const first = from ? await this.messageOf(from) : last;
    const pane = await this.page.evaluate(() => {
      let e = document.querySelector('.ac-adaptiveCard'); // the chat pane: the nearest box holding cards and compose box
      while (e && !e.querySelector('[data-lexical-editor="true"]')) e = e.parentElement;
      const r = (e ?? document.body).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width };
    });
    const top = window ? 0 : first.top;
    if (top < (window ? 0 : pane.y)) throw new Stop(`${file} is taller than the window: set WINDOW_HEIGHT above ${height}.`);
    const bottom = until ? (await until.boundingBox()).y - 6 : last.bottom;
    const left = window ? 0 : Math.min(pane.x, first.left);
    const right = window ? width : paneWidth ? pane.x + pane.width : Math.max(last.right, first.right);
    const clip = { x: left, y: top, width: right - left, height: bottom - top };
    const target = path.join(outDir, file);
    await this.page.screenshot({ path: target, clip });
    const kb = Math.round(fs.statSync(target).size / 1024);
    step(`saved ${path.relative(root, target)} (${Math.round(clip.width)}x${Math.round(clip.height)}, ${kb} KB)`);
  }

  /**
   * Where a card's message is on screen, with its sender line and a margin: in a chat the card sits in a bubble with
   * the sender line above it; in a channel, in a post that starts with the sender.
   */
  async messageOf(card) {
    const c = await card.boundingBox();
    const bubble = card.locator('xpath=ancestor::div[contains(@class,"fai-OutputCard")][1]');
    if ((await bubble.count()) === 1) {
      const b = await bubble.boundingBox();
      // 3 px below: above the Playground's "Full width control is not supported" note under each card.
      return { top: b.y - 36, bottom: b.y + b.height + 3, left: b.x, right: b.x + b.width + 24 };
    }
    const post = card.locator('xpath=ancestor::div[.//*[@role="img" and @aria-label="Safeguarding Bot"]][1]');
    const p = await post.boundingBox();
    return { top: p.y, bottom: c.y + c.height + 12, left: p.x, right: c.x + c.width + 16 };
  }

  /**
   * Closes the Playground's own "Your response was sent to the app" note, which Teams does not show. Done before
   * typing into the card: closing it redraws the card, which forgets anything typed.
   */
  async dismissNotices() {
    await this.page.waitForTimeout(300); // the note comes with the invoke answer, just after the new card
    const notes = this.page.getByText('Your response was sent to the app', { exact: true });
    while (await notes.count()) await notes.first().locator('xpath=..').getByRole('button').first().click();
  }
}
