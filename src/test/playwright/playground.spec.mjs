// Browser tests of the playground page, driving headless Chromium with playwright-core.
// Usage: node src/test/playwright/playground.spec.mjs http://localhost:PORT  (screenshots go to target/playground/)

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const base = process.argv[2] ?? 'http://localhost:8080';
const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE ?? resolve('target/playwright/node_modules/playwright-core'));
const shots = resolve('target/playground');
mkdirSync(shots, { recursive: true });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'playground-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  locale: 'en-US',
});
const page = context.pages()[0] ?? await context.newPage();
const consoleErrors = [];
page.on('console', message => {
  if (message.type() === 'error') consoleErrors.push(message.text());
});
page.on('pageerror', error => consoleErrors.push(String(error)));

const testId = id => page.locator(`[data-testid="${id}"]`);
const idle = (timeout = 30_000) => page.waitForSelector('body[data-busy="false"]', { timeout });
const cell = key => page.locator(`[data-testid="trace"] [data-key="${key}"]`).textContent().then(Number);

/** |actual − expected| within half a unit of the expected figure's last printed digit. */
function agrees(actual, expected, name) {
  const decimals = expected.split('.')[1].length;
  assert.ok(Math.abs(actual - Number(expected)) <= 0.5 * 10 ** -decimals,
    `${name}: ${actual} does not round to ${expected}`);
}

/** Decodes a PNG in the page and answers the variance of its grey levels. */
async function greyVariance(png) {
  return page.evaluate(async dataUrl => {
    const image = new Image();
    image.src = dataUrl;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let squares = 0;
    const n = data.length / 4;
    for (let k = 0; k < data.length; k += 4) {
      const grey = 0.299 * data[k] + 0.587 * data[k + 1] + 0.114 * data[k + 2];
      sum += grey;
      squares += grey * grey;
    }
    return squares / n - (sum / n) ** 2;
  }, `data:image/png;base64,${png.toString('base64')}`);
}

async function boundaryPixel(x, y) {
  return page.evaluate(([px, py]) => {
    const canvas = document.querySelector('[data-testid="boundary"]');
    const [r, g, b] = canvas.getContext('2d').getImageData(Math.round(px * (canvas.width - 1)), Math.round(py * (canvas.height - 1)), 1, 1).data;
    return { r, g, b };
  }, [x, y]);
}

const tests = [];
const test = (name, body) => tests.push({ name, body });

test('rootServesThePlaygroundWithEveryTestHook', async () => {
  const response = await page.goto(`${base}/`);
  assert.equal(response.status(), 200);
  await idle();
  for (const id of ['preset', 'network', 'node-0-0', 'step', 'train', 'stop', 'learning-rate', 'loss', 'loss-chart', 'boundary',
    'trace', 'language']) {
    assert.equal(await testId(id).count(), 1, `data-testid="${id}"`);
  }
  assert.equal(await page.locator('a[href="/swagger-ui.html"]').count(), 1, 'a link to Swagger UI');
  for (const label of await page.locator('main select, main input').all()) {
    const labelled = await label.evaluate(e => e.labels?.length > 0 || e.closest('label') !== null || e.hasAttribute('aria-label'));
    assert.ok(labelled, `control ${await label.getAttribute('id')} has a label`);
  }
});

test('stepOnTheTwoTwoTwoPresetShowsTheWorkedExampleToNineDigits', async () => {
  await testId('preset').selectOption('2-2-2');
  await idle();
  assert.equal(await testId('learning-rate').inputValue(), '0.5');
  await testId('step').click();
  await page.waitForSelector('[data-testid="trace"][data-state="done"]', { timeout: 30_000 });
  await idle();
  agrees(await cell('a-1-0'), '0.593269992', 'h1');
  agrees(await cell('a-1-1'), '0.596884378', 'h2');
  agrees(await cell('a-2-0'), '0.75136507', 'o1');
  agrees(await cell('a-2-1'), '0.772928465', 'o2');
  agrees(await cell('loss'), '0.298371109', 'E');
  agrees(await cell('dw-2-0-0'), '0.082167041', 'dE/dw5');
  const after = { 'w1-2-0-0': '0.35891648', 'w1-2-0-1': '0.408666186', 'w1-2-1-0': '0.511301270', 'w1-2-1-1': '0.561370121',
    'w1-1-0-0': '0.149780716', 'w1-1-0-1': '0.19956143', 'w1-1-1-0': '0.24975114', 'w1-1-1-1': '0.29950229' };
  for (const [key, expected] of Object.entries(after)) agrees(await cell(key), expected, key);
  assert.ok((await page.locator('[data-key="a-1-0"]').textContent()).length >= 17, 'h1 at full precision');
  agrees(Number(await testId('loss').textContent()), '0.298371109', 'the loss line');
  await testId('node-1-0').locator('circle').hover();
  assert.match(await testId('inspector').textContent(), /0\.593269992/);
  await testId('node-0-0').focus();
  assert.match(await testId('inspector').textContent(), /0\.05/);
  await testId('edge-2-0-0').focus();
  assert.match(await testId('inspector').textContent(), /0\.35891647/);
  await page.screenshot({ path: join(shots, 'step-2-2-2.png') });
});

test('aWeightEditedInPlaceChangesTheNetwork', async () => {
  const before = Number(await testId('loss').textContent());
  await testId('edge-2-0-0').focus();
  await page.keyboard.press('Enter');
  const edge = await testId('edge-2-0-0').boundingBox();
  const editor = await testId('weight-editor-value').boundingBox();
  assert.ok(Math.abs(editor.y - (edge.y + edge.height / 2)) < 80, 'the editor opens at the weight');
  await page.screenshot({ path: join(shots, 'edit-weight.png') });
  await testId('weight-editor-value').fill('0.4');
  await page.keyboard.press('Enter');
  await idle();
  await testId('edge-2-0-0').focus();
  assert.match(await testId('inspector').textContent(), /weight\s*0\.4\b/);
  const after = Number(await testId('loss').textContent());
  assert.ok(Number.isFinite(after) && after !== before, `the loss at the edited weights (${after}) replaces ${before}`);
});

test('comparingLearningRatesOverlaysOneCurvePerRate', async () => {
  await testId('preset').selectOption('2-2-2');
  await idle();
  await testId('epochs').fill('100');
  await testId('compare').click();
  await idle(60_000);
  const losses = await page.locator('[data-testid="compare-results"] [data-loss]').evaluateAll(
    elements => elements.map(e => [Number(e.dataset.rate), Number(e.dataset.loss)]));
  assert.deepEqual(losses.map(([rate]) => rate), [0.1, 0.5, 1.5]);
  assert.ok(losses[0][1] > losses[1][1] && losses[1][1] > losses[2][1], `faster with larger rates: ${losses}`);
  assert.equal(await page.locator('[data-testid="compare-chart"] .u-legend .u-series').count(), 4);
});

test('trainOnASmallPresetRepeatsTrainCallsAndDrawsTheCurve', async () => {
  await testId('epochs').fill('1000');
  await testId('train').click();
  await idle(60_000);
  assert.equal(await page.locator('#epochs-trained').textContent(), '1000');
  const loss = Number(await testId('loss').textContent());
  assert.ok(loss < 0.01, `2-2-2 loss after 1000 epochs: ${loss}`);
  assert.match(await testId('loss-chart').getAttribute('aria-label'), /1000 points/);
});

test('anApiKeyGoesAlongAsXApiKeyOnEveryCall', async () => {
  await testId('api-key').fill('playground-test-key');
  await testId('api-key').press('Tab');
  const request = page.waitForRequest(r => r.url().endsWith('/backprop'));
  await testId('step').click();
  assert.equal((await request).headers()['x-api-key'], 'playground-test-key');
  await idle();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('backprop.apiKey')), 'playground-test-key');
  await testId('api-key').fill('');
  await testId('api-key').press('Tab');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('backprop.apiKey')), null);
});

test('stopCancelsARunningJobWhileItsCurveGrows', async () => {
  await testId('preset').selectOption('moons');
  await idle();
  await testId('epochs').fill('100000');
  await testId('train').click();
  await page.waitForSelector('[data-testid="stop"]:not([disabled])');
  await page.waitForFunction(() => Number(document.getElementById('epochs-trained').textContent) >= 5, null, { timeout: 30_000 });
  await testId('stop').click();
  await idle(30_000);
  const epochs = Number(await page.locator('#epochs-trained').textContent());
  assert.ok(epochs >= 5 && epochs < 100000, `stopped after ${epochs} epochs`);
  assert.match(await page.locator('#status').textContent(), /stopped/);
});

test('trainingXorBringsTheLossUnderFivePercentAndTheBoundaryClassifiesTheCorners', async () => {
  await testId('preset').selectOption('xor');
  await idle();
  await testId('epochs').fill('150');
  let loss = Infinity;
  let attempts = 0;
  while (attempts < 4 && !(loss < 0.05)) {
    await testId('train').click();
    attempts++;
    await idle(120_000);
    loss = Number(await testId('loss').textContent());
  }
  assert.ok(loss < 0.05, `loss ${loss}`);
  assert.equal(await page.locator('#epochs-trained').textContent(), String(150 * attempts));
  const history = await page.evaluate(() => fetch(`/networks/${document.getElementById('network').dataset.networkId}/history`)
    .then(r => r.json()));
  assert.equal(history.at(-1).loss, loss, 'the latest loss shown is the last epoch the service recorded');
  const corners = JSON.parse(await testId('boundary').getAttribute('data-corners'));
  assert.ok(corners['-1,1'] > 0.5 && corners['1,-1'] > 0.5, `opposite-sign corners are class 1: ${JSON.stringify(corners)}`);
  assert.ok(corners['1,1'] < 0.5 && corners['-1,-1'] < 0.5, `same-sign corners are class 0: ${JSON.stringify(corners)}`);
  for (const [x, y, orange] of [[0, 0, true], [1, 0, false], [0, 1, false], [1, 1, true]]) {
    const { r, b } = await boundaryPixel(x, y);
    assert.ok(orange ? r > b : b > r, `heat map corner (${x}, ${y}) is ${orange ? 'orange' : 'blue'}: r ${r}, b ${b}`);
  }
  assert.ok(Number(await testId('boundary').getAttribute('data-accuracy')) >= 0.97);
  assert.match(await testId('loss-chart').getAttribute('aria-label'), /[1-9]\d* points/);
  assert.equal(await testId('edge-2-3-4').getAttribute('tabindex'), '-1', 'a large network keeps its weights out of the tab order');
  await testId('node-0-1').focus();
  const focused = () => page.evaluate(() => document.activeElement.dataset.testid);
  for (const [key, expected] of [['ArrowRight', 'edge-1-0-1'], ['ArrowDown', 'edge-1-1-1'], ['ArrowRight', 'node-1-1'],
    ['ArrowUp', 'node-1-0'], ['ArrowLeft', 'edge-1-0-0'], ['ArrowLeft', 'node-0-0']]) {
    await page.keyboard.press(key);
    assert.equal(await focused(), expected, `after ${key}`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  const png = await page.screenshot({ path: join(shots, 'xor-1280x800.png') });
  const variance = await greyVariance(png);
  assert.ok(variance > 100, `screenshot grey variance ${variance}`);
});

test('comparingRatesOnAProblemDrawsABoundaryPerRate', async () => {
  await testId('compare').click();
  await idle(120_000);
  assert.equal(await page.locator('[data-testid="compare-results"] canvas').count(), 3);
  const losses = await page.locator('[data-testid="compare-results"] [data-loss]').evaluateAll(
    elements => elements.map(e => Number(e.dataset.loss)));
  assert.ok(losses.length === 3 && losses.every(Number.isFinite), `final losses ${losses}`);
});

test('aStepOnAProblemTracesOneSampleOfTheBatch', async () => {
  await testId('step').click();
  await page.waitForSelector('[data-testid="trace"][data-state="done"]', { timeout: 30_000 });
  await idle();
  assert.match(await testId('trace').textContent(), /sample 1 of 200/);
  assert.equal(await page.locator('[data-testid="trace"] [data-key^="w1-"]').count(), 2 * 8 + 8 * 8 + 8);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'playground.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1100 } });
});

test('switchingLanguageRewritesTheControls', async () => {
  await testId('language').selectOption('zh-CN');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal((await testId('step').textContent()).trim(), '单步');
  assert.equal((await testId('train').textContent()).trim(), '训练');
  await page.screenshot({ path: join(shots, 'xor-zh.png') });
  await testId('language').selectOption('en');
  assert.equal((await testId('step').textContent()).trim(), 'Step');
});

test('atPhoneWidthNothingOverflowsSideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(shots, 'phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('noConsoleErrors', async () => {
  assert.deepEqual(consoleErrors, []);
});

let passed = 0;
let failed = 0;
for (const { name, body } of tests) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (failure) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(failure.stack || failure).split('\n').slice(0, 14).join('\n     ')}`);
    await page.screenshot({ path: join(shots, `failed-${name}.png`) }).catch(() => {});
  }
}
writeFileSync(join(shots, 'console-errors.txt'), consoleErrors.join('\n'));
await context.close();
console.log(`playground: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
