// The therapist's review of a patient's exported progress file: the same
// history charts the patient sees, every decision of the progression rules
// with its reason (replayed by the engine, session by session) and the PSFS
// scores. The file is read in the browser (File.text()), never uploaded;
// everything from it is set as textContent or shown as an <img>.

import { boot, params } from './boot.js';
import { $, el } from './dom.js';

let tools;
const call = (name, ...args) => JSON.parse(tools[name](...args.map(String)));
let fileText = '';

function table(caption, header, rows) {
  const t = el('table');
  t.append(el('caption', {}, caption));
  const head = el('tr');
  for (const h of header) head.append(el('th', { scope: 'col' }, h));
  t.append(el('thead'));
  t.tHead.append(head);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', {}, String(cell)));
    body.append(tr);
  }
  t.append(body);
  return t;
}

function render() {
  if (!fileText) return;
  const box = $('review');
  const r = call('review', fileText, $('lang').value, $('program-text').value);
  if (r.error) {
    const p = el('p', { className: 'field-error', role: 'alert' }, r.error);
    const list = el('ul', {}, '');
    for (const pr of r.problems || []) list.append(el('li', {}, `${pr.path || 'program'}: ${pr.msg}`));
    box.replaceChildren(p, list);
    return;
  }
  if (r.programs.length === 0) {
    box.replaceChildren(el('p', {}, 'This progress file holds no records.'));
    return;
  }
  box.replaceChildren(...r.programs.map((pr) => {
    const sec = el('section', { className: 'tools-panel review-program' });
    sec.append(el('h2', {}, pr.title));
    sec.append(el('p', {}, `${pr.sessions} session${pr.sessions === 1 ? '' : 's'} in the file (program ${pr.id}).`));

    sec.append(el('h3', {}, 'History'));
    const charts = el('div', { className: 'charts' });
    for (const c of pr.charts) {
      const fig = el('figure', { className: 'chart' });
      fig.append(el('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`, alt: c.caption }));
      const details = el('details');
      details.append(el('summary', {}, 'Show the numbers'), table(c.caption, c.header || [], c.rows || []));
      fig.append(details);
      charts.append(fig);
    }
    sec.append(charts);

    sec.append(el('h3', {}, 'Rule decisions'));
    if (!pr.known) {
      sec.append(el('p', { className: 'field-error' },
        'This program is not shipped with Spry: paste its share link or file above to replay the rules\' decisions.'));
    } else {
      sec.append(table('Every decision of the progression rules, session by session, with its reason',
        ['Session', 'Exercise', 'Dose', 'Decision', 'Rule', 'Reason'],
        pr.decisions.map((d) => [d.session === 'next' ? 'Next session' : d.session, d.block < 0 ? 'Whole program' : d.exercise,
          d.dose || '', d.kind, d.rule || '', d.reason])));
    }

    sec.append(el('h3', {}, 'Red-flag screens'));
    if (pr.screens.length === 0) {
      sec.append(el('p', {}, 'No red-flag screen in this file.'));
    } else {
      const flagged = pr.screens.filter((s) => s.ageFlag);
      if (flagged.length > 0) {
        sec.append(el('p', { className: 'flag' },
          `Flag for you (blocks nothing): at first use (${flagged[0].date}) the patient said the back pain is new and they are under 20 or over 50.`));
      }
      sec.append(table('The red-flag screens the patient answered, with every yes', ['Date', 'Answered yes to'],
        pr.screens.map((s) => [s.date, s.yes.length === 0 ? 'No red flag' : s.yes.join(' ')])));
    }

    sec.append(el('h3', {}, 'PSFS scores'));
    if (pr.psfs.length === 0) {
      sec.append(el('p', {}, 'No PSFS scores in this file.'));
    } else {
      sec.append(table('Patient-Specific Functional Scale, 0 (unable) to 10 (as before)', ['Date', 'Activities', 'Score'],
        pr.psfs.map((e) => [e.date, e.activities.map((a) => `${a.name}: ${a.score}`).join('; '), e.score.toFixed(1)])));
    }
    return sec;
  }));
}

function attachTools(api) {
  tools = api;
  $('loading').hidden = true;
  $('open').hidden = false;
  document.body.dataset.state = 'ready';
  $('file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    fileText = await file.text();
    render();
  });
  $('lang').addEventListener('change', render);
  $('program-text').addEventListener('change', render);
}

const p = await params('tools');
$('lang').value = (p.lang || 'en').slice(0, 2).toLowerCase() === 'fr' ? 'fr' : 'en';
boot({ params: p, attach() {}, render() {}, stageRect: () => [0, 0, 0, 0], attachTools }, 'tools.wasm');
