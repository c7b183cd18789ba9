/* Oqu quiz player: makes the quizzes the builder wrote (oqu/packaging/quizhtml.py) answerable, scores
 * them with OquScoring (scoring.js) and reports to the LMS through the player's seams (oqu.js:
 * Oqu.reportTest, Oqu.registerState, Oqu.recordInteraction). docs/assessment.md, "The player".
 *
 * Settings and questions come from oqu-data's `quizzes` ({id: {final, pass, attempts, shuffle,
 * shuffleOptions, draw, time, review, questions}}). Responses use the author's indices, so the
 * shuffled display never changes a score. Choices and text are native controls (radio,
 * checkbox, select, text field); words, matching, sequence and hotspot are dragged (one engine,
 * dnd(): Pointer Events for mouse, touch and pen; Space/Enter, arrows, Escape for the keyboard;
 * each step announced). Their markup's selects stay as the value store (and as the controls
 * if the script fails); the hotspot's keyboard way is a crosshair over the picture.
 *
 * A final test (data-final) is submitted as a whole; a self-check quiz checks each question at
 * once. Saved per quiz in suspend_data (module state "qz", compact):
 *   {a: attempts submitted, s: attempt seed, r: [response per question, author order],
 *    t: [seconds spent per question], n: [cmi.interactions index per question],
 *    x: 1 when the attempt is submitted, c: [1 per checked self-check question],
 *    g: [percent, passed 0/1] of the last submission, k: seconds left (time limit)} */
(function () {
  'use strict';

  const FALLBACK = {
    check: 'Check', quiz_submit: 'Submit the test', quiz_retry: 'Try again',
    quiz_attempt: 'Attempt {n} of {total}', quiz_attempt_free: 'Attempt {n}',
    quiz_no_attempts: 'No attempts left', quiz_pass_mark: 'Pass mark: {pct} %',
    quiz_score: 'Score: {score} of {max} points ({pct} %)', quiz_passed: 'Passed',
    quiz_failed: 'Not passed', quiz_time_left: 'Time left', quiz_time_warn: 'Time left: {t}',
    quiz_time_up: 'Time is up: the test was submitted', quiz_hint: 'Hint', quiz_right: 'Right',
    quiz_wrong: 'Wrong', quiz_partly: 'Partly right', quiz_recorded: 'Your answer was recorded',
    quiz_right_answer: 'Right answer:', quiz_chosen: 'your choice',
    quiz_point: 'A point on the picture is chosen', quiz_dnd_help: 'Space: pick up or drop; arrows: choose the place; Escape: cancel.',
    quiz_dnd_pick: '“{item}” picked up', quiz_dnd_drop: '“{item}” dropped: {place}', quiz_dnd_cancel: 'Cancelled: “{item}” is back',
    quiz_dnd_gap: 'gap {n} of {total}', quiz_dnd_pos: 'place {n} of {total}', quiz_dnd_bank: 'back to the list',
    quiz_dnd_cross: 'Picture: move the cross with the arrows (Shift: bigger steps); Space or Enter places the point', quiz_dnd_xy: '{x} % across, {y} % down', quiz_unanswered: 'Questions not answered: {n}',
    quiz_question_of: 'Question {n} of {total}', quiz_words: 'Words',
    quiz_essay_min: 'At least {min} words', quiz_essay_count: 'Words: {n} of at least {min}',
    quiz_results: 'Results', your_answer: 'Your answer', quiz_no_answer: 'No answer',
    quiz_attempts_left: 'Attempts left: {n}', quiz_points: '{score} of {max}', decimal_sep: '.',
    true: 'True', false: 'False',
  };
  const SUSPEND_RESERVE = 1000; // characters of suspend_data left to the player's own state
  const WARN_AT = [60, 10]; // seconds left announced to screen readers

  function start(Oqu) {
    const Scoring = window.OquScoring;
    const doc = document;
    const root = doc.getElementById('oqu');
    let data = {};
    try { data = JSON.parse(doc.getElementById('oqu-data').textContent) || {}; } catch (e) { data = {}; }
    const specs = data.quizzes || {};
    const forms = Array.from(doc.querySelectorAll('form.oqu-quiz')).filter((f) => specs[f.id]);
    if (!Scoring || !forms.length) return;
    const S = Object.assign({}, FALLBACK, Oqu.strings || {});
    const lang = data.lang || doc.documentElement.lang || '';
    let saved = {};
    const quizzes = [];

    /* ---------- helpers ---------- */

    function fmt(template, values) { return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m)); }
    function el(tag, cls, text) {
      const node = doc.createElement(tag);
      if (cls) node.className = cls;
      if (text != null) node.textContent = text;
      return node;
    }
    function button(cls, text) { const b = el('button', 'oqu-ctl ' + cls, text); b.type = 'button'; return b; }
    // Author HTML (feedback, hints; sanitised at build time) parsed off-document, then adopted.
    function appendHtml(parent, html) {
      const body = new DOMParser().parseFromString('<body>' + String(html || ''), 'text/html').body;
      body.querySelectorAll('script, style, iframe, object, embed').forEach((n) => n.remove());
      body.querySelectorAll('*').forEach((n) => Array.from(n.attributes).forEach((a) => {
        if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) n.removeAttribute(a.name);
      }));
      while (body.firstChild) parent.appendChild(doc.adoptNode(body.firstChild));
      return parent;
    }
    function plainText(html) { return new DOMParser().parseFromString('<body>' + String(html || ''), 'text/html').body.textContent.trim(); }
    function newSeed() {
      try { return crypto.getRandomValues(new Uint32Array(1))[0]; } catch (e) { return Math.floor(Math.random() * 4294967296); }
    }
    function permute(n, rnd) { // Fisher–Yates with the attempt's PRNG
      const a = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); const x = a[i]; a[i] = a[j]; a[j] = x; }
      return a;
    }
    function clock(sec) { sec = Math.max(0, Math.ceil(sec)); return Math.floor(sec / 60) + ':' + String(sec % 60).padStart(2, '0'); }
    function round2(x) { return Math.round(x * 100) / 100; }
    // A number as the DER's language writes it (72,5 in kk/ru, 72.5 in en): the separator comes
    // from oqu/numerals.py (CLDR) through strings.decimal_sep, as every figure Oqu shows.
    function num(x) { return String(round2(x)).replace('.', S.decimal_sep); }
    function version() { const v = Oqu.lms(); return v === 'scorm12' ? '1.2' : v === 'scorm2004' ? '2004' : null; }
    function isAnswered(r) {
      if (r == null || r === '') return false;
      if (Array.isArray(r)) return r.some((x) => x != null && x !== '');
      return typeof r !== 'string' || r.trim() !== '';
    }

    // Words: runs of letters and digits, joined by - or ' (a dash or a bullet alone is no word).
    function wordCount(text) { return (String(text).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || []).length; }
    // Answered enough to count as answered: an essay needs its minimum of words.
    function isComplete(item, r) {
      if (!isAnswered(r)) return false;
      return !(item.q.type === 'essay' && item.q.minWords > 0 && wordCount(r) < item.q.minWords);
    }

    /* ---------- one question: controls ⇄ response ---------- */

    function words(q) { return q.gaps.map((g) => g[0] || '').concat(q.distractors); }

    function readResponse(item) {
      const q = item.q;
      const f = item.field;
      const checked = (name) => { const x = f.querySelector('input[name="' + CSS.escape(name) + '"]:checked'); return x ? x.value : null; };
      const sel = (n) => f.querySelector('[name="' + CSS.escape(q.id + '-' + n) + '"]');
      switch (q.type) {
        case 'single': { const v = checked(q.id); return v == null ? null : Number(v); }
        case 'multiple': return Array.from(f.querySelectorAll('input[type=checkbox]:checked')).map((x) => Number(x.value)).sort((a, b) => a - b);
        case 'truefalse': { const v = checked(q.id); return v == null ? null : v === 'true'; }
        case 'short': case 'numeric': case 'calculated': case 'essay': {
          const x = f.querySelector('input[type=text], textarea'); return x ? x.value : '';
        }
        case 'sequence': return Array.from(f.querySelectorAll('.oqu-sequence > li')).map((li) => Number(li.getAttribute('data-item')));
        case 'matching': return q.lefts.map((_, n) => { const s = sel(n); return s && s.value !== '' ? Number(s.value) : null; });
        case 'blanks': return q.gaps.map((_, n) => { const s = sel(n); return s ? s.value : ''; });
        case 'select': return q.gaps.map((g, n) => { const s = sel(n); return s && s.value !== '' ? (g[Number(s.value)] || '') : ''; });
        case 'dragwords': { const w = words(q); return q.gaps.map((_, n) => { const s = sel(n); return s && s.value !== '' ? (w[Number(s.value)] || '') : ''; }); }
        case 'hotspot': return item.point != null ? item.point : null;
        case 'likert': return q.choices.map((_, n) => { const v = checked(q.id + '-' + n); return v == null ? null : Number(v); });
        default: return null;
      }
    }

    function writeResponse(item, r) {
      const q = item.q;
      const f = item.field;
      const setChecked = (name, value) => f.querySelectorAll('input[name="' + CSS.escape(name) + '"]').forEach((x) => { x.checked = value != null && x.value === String(value); });
      const sel = (n) => f.querySelector('[name="' + CSS.escape(q.id + '-' + n) + '"]');
      const list = Array.isArray(r) ? r : [];
      switch (q.type) {
        case 'single': case 'truefalse': setChecked(q.id, r); break;
        case 'multiple': f.querySelectorAll('input[type=checkbox]').forEach((x) => { x.checked = list.indexOf(Number(x.value)) >= 0; }); break;
        case 'short': case 'numeric': case 'calculated': case 'essay': {
          const x = f.querySelector('input[type=text], textarea'); if (x) x.value = typeof r === 'string' ? r : ''; break;
        }
        case 'sequence': {
          const ol = f.querySelector('.oqu-sequence');
          if (ol && list.length === ol.children.length) list.forEach((i) => { const li = ol.querySelector('li[data-item="' + i + '"]'); if (li) ol.appendChild(li); });
          break;
        }
        case 'matching': q.lefts.forEach((_, n) => { const s = sel(n); if (s) s.value = list[n] == null ? '' : String(list[n]); }); break;
        case 'blanks': q.gaps.forEach((_, n) => { const s = sel(n); if (s) s.value = typeof list[n] === 'string' ? list[n] : ''; }); break;
        case 'select': case 'dragwords': {
          const w = q.type === 'select' ? null : words(q);
          const used = [];
          q.gaps.forEach((g, n) => {
            const s = sel(n); if (!s) return;
            let k = (w || g).indexOf(list[n]);
            while (w && k >= 0 && used.indexOf(k) >= 0) k = w.indexOf(list[n], k + 1);
            used.push(k);
            s.value = list[n] && k >= 0 ? String(k) : '';
          });
          break;
        }
        case 'hotspot': setPoint(item, r); break;
        case 'likert': q.choices.forEach((_, n) => setChecked(q.id + '-' + n, list[n])); break;
        default: break;
      }
      if (item.paint) item.paint();
    }

    function setPoint(item, r) {
      item.point = r == null ? null : r;
      const regionIndex = typeof r === 'number' ? r : -1;
      item.field.querySelectorAll('.oqu-area').forEach((a, k) => a.classList.toggle('oqu-on', k === regionIndex));
      const dot = item.field.querySelector('.oqu-dot');
      if (dot) {
        dot.hidden = !Array.isArray(r);
        if (Array.isArray(r)) { dot.style.left = r[0] + '%'; dot.style.top = r[1] + '%'; }
      }
    }

    /* ---------- one question: setup ---------- */

    function setupQuestion(quiz, q, index) {
      const field = doc.getElementById(q.id);
      if (!field || !quiz.form.contains(field)) return null;
      const item = { q, index, field, point: null, spent: 0 };
      const legend = field.querySelector('legend');
      if (legend) legend.insertBefore(el('span', 'oqu-qnum'), legend.firstChild);
      if (q.type === 'sequence') setupSequence(quiz, item);
      if (q.type === 'hotspot') setupHotspot(quiz, item);
      if (q.type === 'dragwords' || q.type === 'matching') setupFill(quiz, item);
      if (q.type === 'likert') {
        const table = field.querySelector('.oqu-likert');
        if (table) {
          const wrap = el('div', 'oqu-scroll');
          wrap.tabIndex = 0;
          wrap.setAttribute('role', 'group');
          wrap.setAttribute('aria-label', plainText(q.prompt));
          table.before(wrap);
          wrap.appendChild(table);
        }
      }
      const tools = el('div', 'oqu-qtools');
      if (q.hints.length) {
        const hints = el('div', 'oqu-hints');
        hints.setAttribute('aria-live', 'polite');
        const hint = button('oqu-hint', S.quiz_hint);
        let shown = 0;
        const label = () => { hint.textContent = S.quiz_hint + (q.hints.length > 1 ? ' (' + (shown + 1) + '/' + q.hints.length + ')' : ''); };
        label();
        hint.addEventListener('click', () => {
          if (shown >= q.hints.length) return;
          appendHtml(hints.appendChild(el('div', 'oqu-hint-text')), q.hints[shown++]);
          if (shown >= q.hints.length) hint.hidden = true; else label();
        });
        tools.appendChild(hint);
        item.hints = hints;
        item.resetHints = () => { shown = 0; hints.textContent = ''; hint.hidden = false; label(); };
      }
      if (!quiz.final) {
        item.check = tools.appendChild(button('oqu-check', S.check));
        item.check.addEventListener('click', () => checkOne(quiz, item));
        item.again = tools.appendChild(button('oqu-again', S.quiz_retry));
        item.again.hidden = true;
        item.again.addEventListener('click', () => againOne(quiz, item));
      }
      if (tools.children.length) field.appendChild(tools);
      if (item.hints) field.appendChild(item.hints);
      item.review = field.appendChild(el('div', 'oqu-review'));
      item.review.hidden = true;
      field.addEventListener('focusin', () => activate(quiz, item));
      field.addEventListener('pointerdown', () => activate(quiz, item));
      return item;
    }

    /* ---------- drag and drop: one engine for words, matching and sequence ---------- */

    // box holds the draggable things (o.items, a selector) and the places (.oqu-target, in
    // o.places() order); o.name(place, k, n) is what a screen reader hears; o.put(thing, place)
    // moves it and returns the element to focus. A pointer drags (touch-action: none on the
    // things) or taps a thing then a place; the keyboard picks up with Space/Enter, chooses a
    // place with the arrows, drops with Space/Enter, Escape cancels. A drop outside returns.
    function dnd(quiz, item, box, o) {
      const help = item.field.appendChild(el('p', 'oqu-sr', S.quiz_dnd_help));
      help.id = item.q.id + '-dnd';
      const live = item.field.appendChild(el('p', 'oqu-sr'));
      live.setAttribute('aria-live', 'assertive');
      box.setAttribute('data-oqu-noswipe', '');
      let held = null;
      let over = null;
      let drag = null;
      const say = (t) => { live.textContent = t; };
      const name = (x) => x.textContent.trim();
      const where = (t) => { const ts = o.places(); return o.name(t, ts.indexOf(t), ts.length); };
      const home = (x) => x.closest('.oqu-target');
      function mark(t) {
        if (over) over.classList.remove('oqu-over');
        over = t;
        if (t) t.classList.add('oqu-over');
      }
      function pick(x) { end(); held = x; x.classList.add('oqu-held'); box.classList.add('oqu-dragging'); say(fmt(S.quiz_dnd_pick, { item: name(x) })); }
      function end() { if (held) held.classList.remove('oqu-held', 'oqu-lift'); held = null; mark(null); box.classList.remove('oqu-dragging'); }
      function cancel() { if (held) say(fmt(S.quiz_dnd_cancel, { item: name(held) })); end(); }
      function drop(t) {
        const x = held;
        const said = fmt(S.quiz_dnd_drop, { item: name(x), place: where(t) });
        end();
        const now = t === home(x) ? x : o.put(x, t);
        say(said);
        changed(quiz, item);
        if (now) now.focus({ preventScroll: true });
      }
      item.describe = help.id;
      box.addEventListener('keydown', (e) => {
        const x = e.target.closest(o.items);
        const k = e.key;
        if (!x || item.locked) return;
        if (k === ' ' || k === 'Enter') {
          if (held !== x) pick(x); else if (over) drop(over); else cancel();
        } else if (held && k === 'Escape') cancel();
        else if (held && /^Arrow/.test(k)) {
          const ts = o.places();
          const n = ts.length;
          const fwd = /Right|Down/.test(k);
          let at = ts.indexOf(over || home(x));
          at = at < 0 ? (fwd ? 0 : n - 1) : (at + (fwd ? 1 : n - 1)) % n;
          mark(ts[at]);
          say(where(ts[at]));
        } else return;
        e.preventDefault();
      });
      box.addEventListener('focusout', (e) => { if (held && !box.contains(e.relatedTarget)) cancel(); });
      box.addEventListener('pointerdown', (e) => {
        if (item.locked || e.button > 0) return;
        const t = e.target.closest('.oqu-target');
        if (held && t && t !== home(held)) { e.preventDefault(); drop(t); return; } // tap, then tap a place
        const x = e.target.closest(o.items);
        if (!x) return;
        e.preventDefault();
        x.focus({ preventScroll: true });
        // k: a stage scaled to fit (CSS transform) moves the thing by k px per screen px
        drag = { x, id: e.pointerId, sx: e.clientX, sy: e.clientY, moved: false, k: x.offsetWidth / x.getBoundingClientRect().width || 1 };
      });
      // The thing follows the pointer (cx, cy); the place under the pointer is marked.
      function follow() {
        const dx = drag.cx - drag.sx;
        const dy = drag.cy - drag.sy;
        drag.x.style.transform = 'translate(' + dx * drag.k + 'px,' + dy * drag.k + 'px)';
        const hit = doc.elementFromPoint(drag.cx, drag.cy);
        const t = hit && hit.closest('.oqu-target');
        const ok = t && box.contains(t) && t !== home(drag.x) ? t : null;
        if (ok !== over) { mark(ok); if (ok) say(where(ok)); }
      }
      // Held near the top or bottom of what shows (the slide on the stage, the page between its
      // bars on a phone), the drag scrolls that way, faster nearer the edge: a place out of
      // sight is reached without letting go, as a finger cannot scroll while it drags.
      let rolling = 0;
      function scroller() { // what the drag scrolls: found once a drag, not each frame
        let s = box.parentElement;
        while (s && !(s.scrollHeight > s.clientHeight && /auto|scroll/.test(getComputedStyle(s).overflowY))) s = s.parentElement;
        return s || doc.scrollingElement;
      }
      function roll() {
        rolling = 0;
        if (!drag || !drag.moved) return;
        const s = drag.scroller;
        const r = s === doc.scrollingElement ? { top: 0, bottom: window.innerHeight } : s.getBoundingClientRect();
        const bar = doc.querySelector('.oqu-bar');
        const nav = doc.querySelector('.oqu-nav');
        const top = Math.max(r.top, bar ? bar.getBoundingClientRect().bottom : 0);
        const bottom = Math.min(r.bottom, nav ? nav.getBoundingClientRect().top : Infinity);
        const edge = Math.min(48, (bottom - top) / 4);
        const v = drag.cy < top + edge ? drag.cy - top - edge : drag.cy > bottom - edge ? drag.cy - bottom + edge : 0;
        if (!v) return;
        const before = s.scrollTop;
        s.scrollTop = before + Math.max(-24, Math.min(24, Math.round(v / 2)));
        const moved = s.scrollTop - before;
        if (!moved) return;
        drag.sy -= moved; // the thing moved up with what it lies in: keep it under the pointer
        follow();
        rolling = requestAnimationFrame(roll);
      }
      doc.addEventListener('pointermove', (e) => {
        if (!drag || e.pointerId !== drag.id) return;
        drag.cx = e.clientX;
        drag.cy = e.clientY;
        if (!drag.moved && Math.abs(drag.cx - drag.sx) + Math.abs(drag.cy - drag.sy) < 5) return;
        if (!drag.moved) { drag.moved = true; drag.scroller = scroller(); pick(drag.x); drag.x.classList.add('oqu-lift'); }
        follow();
        if (!rolling) rolling = requestAnimationFrame(roll);
      });
      const up = (e) => {
        if (!drag || e.pointerId !== drag.id) return;
        const d = drag;
        drag = null;
        cancelAnimationFrame(rolling);
        rolling = 0;
        d.x.style.transform = '';
        if (!d.moved) { if (held === d.x) cancel(); else pick(d.x); } else if (over && e.type === 'pointerup') drop(over); else cancel();
      };
      doc.addEventListener('pointerup', up);
      doc.addEventListener('pointercancel', up);
    }

    function draggable(x, item) {
      x.tabIndex = 0;
      if (item.describe) x.setAttribute('aria-describedby', item.describe);
      return x;
    }

    function setupSequence(quiz, item) {
      const ol = item.field.querySelector('.oqu-sequence');
      if (!ol) return;
      const lis = () => Array.from(ol.children);
      dnd(quiz, item, ol, {
        items: 'li',
        places: lis,
        name: (t, k, n) => fmt(S.quiz_dnd_pos, { n: k + 1, total: n }),
        put: (x, t) => { const ls = lis(); if (ls.indexOf(x) < ls.indexOf(t)) t.after(x); else t.before(x); return x; },
      });
      lis().forEach((li) => { li.classList.add('oqu-target'); draggable(li, item); });
    }

    // Words into gaps, answers beside the left-hand items: the selects keep the values, hidden.
    function setupFill(quiz, item) {
      const f = item.field;
      const q = item.q;
      const sels = Array.from(f.querySelectorAll('select'));
      if (!sels.length) return;
      const text = {};
      Array.from(sels[0].options).forEach((x) => { text[x.value] = x.textContent; });
      let bank = f.querySelector('.oqu-words');
      if (!bank) {
        bank = el('ul', 'oqu-words');
        Array.from(sels[0].options).forEach((x) => { if (x.value !== '') bank.appendChild(el('li')).dataset.word = x.value; });
        f.querySelector('.oqu-matching').before(bank);
      }
      bank.setAttribute('aria-label', q.type === 'dragwords' ? S.quiz_words : S.quiz_dnd_bank);
      bank.classList.add('oqu-target');
      const lefts = Array.from(f.querySelectorAll('.oqu-left')).map((x) => x.textContent.trim() + ', ');
      // a right-hand answer that two left-hand items share stays in the list when used
      const reuse = q.type === 'matching' && new Set(q.answerIndex).size < q.answerIndex.length;
      const slots = sels.map((s, n) => {
        const slot = el('span', 'oqu-slot oqu-target');
        slot.dataset.n = n;
        (s.closest('label') || s).after(slot);
        return slot;
      });
      const places = () => slots.concat(bank);
      const chip = (v) => { const c = draggable(el('span', 'oqu-chip', text[v]), item); c.dataset.v = v; return c; };
      dnd(quiz, item, f, {
        items: '.oqu-chip',
        places,
        name: (t, k, n) => (t === bank ? S.quiz_dnd_bank : (lefts[k] || '') + fmt(S.quiz_dnd_gap, { n: k + 1, total: n - 1 })),
        put: (x, t) => {
          const from = x.closest('.oqu-slot');
          const v = x.dataset.v;
          if (t !== bank) {
            const s = sels[t.dataset.n];
            if (from) sels[from.dataset.n].value = s.value; // a swap between two gaps
            s.value = v;
          } else if (from) sels[from.dataset.n].value = '';
          item.paint();
          return (t === bank ? bank : t).querySelector('[data-v="' + v + '"]');
        },
      });
      item.paint = () => {
        const used = sels.map((s) => s.value);
        sels.forEach((s, n) => { // an empty gap is read out as one
          slots[n].textContent = '';
          slots[n].appendChild(s.value !== '' ? chip(s.value) : el('span', 'oqu-sr', fmt(S.quiz_dnd_gap, { n: n + 1, total: sels.length })));
        });
        bank.querySelectorAll('li').forEach((li) => {
          if (!li.firstChild || !li.firstChild.dataset) { li.textContent = ''; li.appendChild(chip(li.dataset.word)); }
          li.hidden = !reuse && used.indexOf(li.dataset.word) >= 0;
        });
      };
      sels.forEach((s) => { s.hidden = true; });
      item.paint();
    }

    // The picture: press (or touch) and drag the cross, release on the picture to place the
    // point, outside to keep the old one; or focus it, move the cross with the arrows (Shift: ×5)
    // and place with Space/Enter. The regions are never listed: that would give the answer away.
    function setupHotspot(quiz, item) {
      const box = item.field.querySelector('.oqu-hotspot');
      if (!box) return;
      const img = box.querySelector('img');
      const stage = el('div', 'oqu-stage oqu-target');
      if (img) { img.before(stage); stage.appendChild(img); } else box.prepend(stage);
      item.q.regions.forEach((reg, k) => {
        const a = el('span', 'oqu-area');
        const c = reg.coords;
        if (reg.shape === 'rect') { a.style.left = c[0] + '%'; a.style.top = c[1] + '%'; a.style.width = c[2] + '%'; a.style.height = c[3] + '%'; } else {
          a.style.left = (c[0] - c[2]) + '%'; a.style.top = (c[1] - c[2]) + '%'; a.style.width = (2 * c[2]) + '%'; a.style.height = (2 * c[2]) + '%';
          a.classList.add('oqu-circle');
        }
        a.dataset.region = String(k);
        stage.appendChild(a);
      });
      const dot = stage.appendChild(el('span', 'oqu-dot'));
      dot.hidden = true;
      const cross = stage.appendChild(el('span', 'oqu-cross'));
      cross.hidden = true;
      const live = box.appendChild(el('p', 'oqu-sr'));
      live.setAttribute('aria-live', 'assertive');
      stage.tabIndex = 0;
      stage.setAttribute('role', 'application');
      stage.setAttribute('data-oqu-noswipe', '');
      stage.setAttribute('aria-label', (img && img.alt ? img.alt + '. ' : '') + S.quiz_dnd_cross);
      let p = null;
      let drag = null;
      const show = (xy) => {
        p = xy;
        cross.hidden = !xy;
        if (xy) { cross.style.left = xy[0] + '%'; cross.style.top = xy[1] + '%'; }
      };
      const placed = () => (Array.isArray(item.point) ? item.point.slice() : [50, 50]);
      const place = () => { setPoint(item, p.slice()); live.textContent = S.quiz_point; changed(quiz, item); };
      const clamp = (v) => Math.min(100, Math.max(0, v));
      const at = (e) => {
        const r = stage.getBoundingClientRect();
        const x = ((e.clientX - r.left) / r.width) * 100;
        const y = ((e.clientY - r.top) / r.height) * 100;
        return r.width && x >= 0 && x <= 100 && y >= 0 && y <= 100 ? [round2(x), round2(y)] : null;
      };
      stage.addEventListener('focus', () => { if (!item.locked) show(placed()); });
      stage.addEventListener('blur', () => { if (!drag) show(null); });
      stage.addEventListener('keydown', (e) => {
        if (item.locked || !p) return;
        const d = e.shiftKey ? 10 : 2;
        const m = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] }[e.key];
        if (m) {
          show([clamp(p[0] + m[0]), clamp(p[1] + m[1])]);
          live.textContent = fmt(S.quiz_dnd_xy, { x: Math.round(p[0]), y: Math.round(p[1]) });
        } else if (e.key === ' ' || e.key === 'Enter') place();
        else if (e.key === 'Escape') show(placed());
        else return;
        e.preventDefault();
      });
      stage.addEventListener('pointerdown', (e) => {
        if (item.locked || e.button > 0) return;
        e.preventDefault();
        stage.focus({ preventScroll: true });
        drag = e.pointerId;
        stage.setPointerCapture(e.pointerId);
        stage.classList.add('oqu-over');
        show(at(e));
      });
      stage.addEventListener('pointermove', (e) => { if (drag === e.pointerId) show(at(e)); });
      const up = (e) => {
        if (drag !== e.pointerId) return;
        drag = null;
        stage.classList.remove('oqu-over');
        if (e.type === 'pointerup' && at(e)) place(); else show(placed());
      };
      stage.addEventListener('pointerup', up);
      stage.addEventListener('pointercancel', up);
    }

    /* ---------- time spent per question (interaction latency) ---------- */

    let active = null;
    let activeSince = 0;
    function pauseClock() {
      if (active) active.spent += (Date.now() - activeSince) / 1000;
      active = null;
    }
    function activate(quiz, item) {
      if (active === item) return;
      pauseClock();
      if (item.locked) return;
      active = item;
      activeSince = Date.now();
    }
    doc.addEventListener('visibilitychange', () => { if (doc.visibilityState === 'hidden') pauseClock(); });

    /* ---------- a quiz ---------- */

    function setupQuiz(form) {
      const spec = specs[form.id];
      const quiz = {
        id: form.id, form, spec, final: Boolean(spec.final), items: [], shown: [], st: null,
        timer: null, deadline: 0,
      };
      spec.questions.forEach((raw, i) => {
        const item = setupQuestion(quiz, Scoring.question(raw), i);
        if (item) quiz.items[i] = item;
      });
      if (quiz.items.filter(Boolean).length !== spec.questions.length) { console.warn('oqu quiz: markup and data differ', form.id); return null; }
      const head = el('div', 'oqu-quiz-head');
      quiz.attemptLine = head.appendChild(el('p', 'oqu-quiz-attempt'));
      if (quiz.final) head.appendChild(el('p', 'oqu-quiz-pass', fmt(S.quiz_pass_mark, { pct: num(spec.pass) })));
      if (quiz.final && spec.time > 0) {
        const t = head.appendChild(el('p', 'oqu-timer'));
        t.appendChild(el('span', 'oqu-timer-label', S.quiz_time_left + ': '));
        quiz.clock = t.appendChild(el('span', 'oqu-timer-value'));
        t.setAttribute('role', 'timer');
        t.setAttribute('aria-live', 'off');
        quiz.timeLive = head.appendChild(el('p', 'oqu-sr'));
        quiz.timeLive.setAttribute('aria-live', 'assertive');
      }
      form.insertBefore(head, form.firstChild);
      const foot = el('div', 'oqu-quiz-foot');
      if (quiz.final) {
        quiz.submit = foot.appendChild(button('oqu-submit', S.quiz_submit));
        quiz.submit.addEventListener('click', () => submit(quiz, false));
        quiz.unanswered = foot.appendChild(el('p', 'oqu-unanswered'));
      }
      // A final test's results screen (issue 17): heading (focused after submitting), score,
      // verdict, attempts left, the retake button, then every question with the learner's
      // answer, the right answer and the feedback. It comes first in the form, above the
      // locked questions (which keep their own review marks).
      const screen = quiz.final ? el('section', 'oqu-results') : foot;
      if (quiz.final) {
        screen.hidden = true;
        quiz.heading = screen.appendChild(el('h3', 'oqu-results-title', S.quiz_results));
        quiz.heading.id = form.id + '-results';
        quiz.heading.tabIndex = -1;
        screen.setAttribute('aria-labelledby', quiz.heading.id);
        form.insertBefore(screen, head.nextSibling);
      }
      quiz.screen = screen;
      quiz.result = screen.appendChild(el('div', 'oqu-quiz-result'));
      quiz.result.setAttribute('role', 'status');
      quiz.retry = screen.appendChild(button('oqu-retry', S.quiz_retry));
      quiz.retry.hidden = true;
      quiz.retry.addEventListener('click', () => retry(quiz));
      if (quiz.final) quiz.list = screen.appendChild(el('ol', 'oqu-results-list'));
      foot.hidden = !quiz.final; // a self-check has its buttons on each question
      form.appendChild(foot);
      form.addEventListener('input', (e) => onInput(quiz, e));
      form.addEventListener('change', (e) => onInput(quiz, e));

      const old = saved[quiz.id];
      if (old && typeof old === 'object' && typeof old.s === 'number') quiz.st = old;
      else quiz.st = { a: 0, s: newSeed(), r: [], t: [], n: [] };
      if (!Array.isArray(quiz.st.r)) quiz.st.r = [];
      if (!Array.isArray(quiz.st.t)) quiz.st.t = [];
      if (!Array.isArray(quiz.st.n)) quiz.st.n = [];
      applyAttempt(quiz);
      quiz.st.r.forEach((r, i) => { if (r != null && quiz.items[i]) writeResponse(quiz.items[i], r); });
      quiz.st.t.forEach((sec, i) => { if (quiz.items[i]) quiz.items[i].spent = Number(sec) || 0; });
      if (quiz.final) fromLms(quiz);
      if (quiz.final && quiz.st.x) showResult(quiz, false);
      if (!quiz.final && Array.isArray(quiz.st.c)) quiz.st.c.forEach((c, i) => { if (c && quiz.items[i]) showOne(quiz, quiz.items[i]); });
      updateHead(quiz);
      return quiz;
    }

    // The LMS holds a passed result this quiz's saved state does not (an LMS that restored no
    // suspend data): the test stays passed and shows its score, it is not reopened.
    function fromLms(quiz) {
      let known = Oqu.result ? Oqu.result() : null;
      const held = Oqu.heldScore ? Oqu.heldScore() : null;
      if (!(known && known.passed) && held != null && held * 100 + 1e-9 >= quiz.spec.pass) {
        Oqu.reportTest(true, held); // a score at the pass mark whose status word the LMS forgot
        known = Oqu.result();
      }
      if (!known || !known.passed || (quiz.st.x && quiz.st.g && quiz.st.g[1])) return;
      const pct = known.score == null ? 100 : Math.round(known.score * 10000) / 100;
      quiz.st = { a: Math.max(1, quiz.st.a || 0), s: quiz.st.s, r: [], t: [], n: quiz.st.n, x: 1, g: [pct, 1] };
    }

    function itemSeed(quiz, item) { return (quiz.st.s ^ Math.imul(item.index + 1, 0x9e3779b1)) >>> 0; }

    // Order, draw, option shuffle and calculated values: all follow from the attempt's seed.
    function applyAttempt(quiz) {
      const spec = quiz.spec;
      const rnd = Scoring.mulberry32(quiz.st.s);
      const m = quiz.items.length;
      let order = Array.from({ length: m }, (_, i) => i);
      if (spec.draw > 0 && spec.draw < m) order = permute(m, rnd).slice(0, spec.draw).sort((a, b) => a - b);
      if (spec.shuffle) { const p = permute(order.length, rnd); order = p.map((k) => order[k]); }
      quiz.shown = order.map((i) => quiz.items[i]);
      const foot = quiz.form.querySelector('.oqu-quiz-foot');
      quiz.items.forEach((item) => { item.field.hidden = order.indexOf(item.index) < 0; });
      quiz.shown.forEach((item, k) => {
        quiz.form.insertBefore(item.field, foot);
        const num = item.field.querySelector('.oqu-qnum');
        if (num) num.textContent = fmt(S.quiz_question_of, { n: k + 1, total: order.length });
      });
      quiz.items.forEach((item) => {
        const q = item.q;
        const r = Scoring.mulberry32(itemSeed(quiz, item));
        if (spec.shuffleOptions) {
          if (q.type === 'single' || q.type === 'multiple') {
            const labels = Array.from(item.field.querySelectorAll(':scope > label.oqu-option'));
            const anchor = labels.length ? labels[labels.length - 1].nextSibling : null;
            const byIndex = labels.slice().sort((a, b) => Number(a.querySelector('input').value) - Number(b.querySelector('input').value));
            permute(byIndex.length, r).forEach((k) => item.field.insertBefore(byIndex[k], anchor));
          }
          const bank = q.type === 'matching' && item.field.querySelector('.oqu-words');
          if (bank) {
            const lis = Array.from(bank.children).sort((a, b) => a.dataset.word - b.dataset.word);
            permute(lis.length, r).forEach((k) => bank.appendChild(lis[k]));
          }
          if (q.type === 'sequence') {
            const ol = item.field.querySelector('.oqu-sequence');
            if (ol) {
              const lis = Array.from(ol.children).sort((a, b) => Number(a.getAttribute('data-item')) - Number(b.getAttribute('data-item')));
              let p = permute(lis.length, r);
              if (lis.length > 1 && p.every((v, k) => v === k)) p = p.slice(1).concat(p[0]);
              p.forEach((k) => ol.appendChild(lis[k]));
            }
          }
        }
        if (q.type === 'calculated') {
          let values = {};
          try { values = Scoring.draw(q, itemSeed(quiz, item)); } catch (e) { values = {}; }
          item.field.querySelectorAll('var[data-var]').forEach((v) => {
            const name = v.getAttribute('data-var');
            if (name in values) v.textContent = Scoring.decimal(values[name]);
          });
        }
      });
    }

    function updateHead(quiz) {
      const spec = quiz.spec;
      const n = quiz.st.x ? quiz.st.a : quiz.st.a + 1;
      quiz.attemptLine.textContent = spec.attempts > 0 ? fmt(S.quiz_attempt, { n: Math.min(n, spec.attempts), total: spec.attempts }) : fmt(S.quiz_attempt_free, { n });
      quiz.attemptLine.hidden = !quiz.final;
      quiz.shown.forEach((item) => {
        const count = item.q.type === 'essay' && item.q.minWords > 0 ? item.field.querySelector('.oqu-essay-words') : null;
        if (count) count.textContent = fmt(S.quiz_essay_count, { n: wordCount(readResponse(item)), min: item.q.minWords });
      });
      if (quiz.unanswered) {
        const missing = quiz.shown.filter((item) => !isComplete(item, readResponse(item))).length;
        quiz.unanswered.textContent = !quiz.st.x && missing ? fmt(S.quiz_unanswered, { n: missing }) : '';
      }
      if (quiz.submit) quiz.submit.hidden = Boolean(quiz.st.x);
      const more = !quiz.spec.attempts || quiz.st.a < quiz.spec.attempts;
      // after a pass only when the author allows retakes (retake=true); the LMS keeps the better
      quiz.retry.hidden = !(quiz.final && quiz.st.x && more && (quiz.spec.retake || !(quiz.st.g && quiz.st.g[1])));
    }

    function onInput(quiz, e) {
      const field = e.target && e.target.closest ? e.target.closest('.oqu-question') : null;
      const item = field && quiz.items.find((x) => x.field === field);
      if (item) changed(quiz, item);
    }

    function changed(quiz, item) {
      if (item.locked) return;
      activate(quiz, item);
      const r = readResponse(item);
      quiz.st.r[item.index] = isAnswered(r) ? r : null;
      updateHead(quiz);
      startTimer(quiz);
      Oqu.changed();
    }

    /* ---------- scoring, reporting, review ---------- */

    function slot(quiz, item) { // this question's cmi.interactions index: reused, or appended
      const count = Oqu.interactionCount();
      const n = quiz.st.n[item.index];
      if (typeof n === 'number' && n >= 0 && n <= count) return n;
      quiz.st.n[item.index] = count;
      return count;
    }

    function report(quiz, item, response) {
      const v = version();
      if (!v) return;
      let pairs;
      try {
        pairs = Scoring.interaction(item.q, response, v, { seed: itemSeed(quiz, item), seconds: Math.round(item.spent * 10) / 10, lang });
      } catch (e) { console.warn('oqu quiz: no interaction record for', item.q.id, e); return; }
      // The id says which quiz: "final-…" for the final test, "check<k>-…" for the k-th
      // self-check, so a teacher reading the LMS's report tells the final test's answers apart.
      pairs = pairs.map((p) => (p[0] === 'id' ? ['id', quiz.tag + '-' + p[1]] : p));
      Oqu.recordInteraction(slot(quiz, item), pairs);
    }

    function lock(item, on) {
      item.locked = on;
      item.field.querySelectorAll('input, select, textarea, .oqu-hint, .oqu-check').forEach((c) => { c.disabled = on; });
      item.field.classList.toggle('oqu-locked', on);
    }

    function submit(quiz, timeUp) {
      if (quiz.st.x) return;
      pauseClock();
      stopTimer(quiz);
      let score = 0;
      let max = 0;
      quiz.shown.forEach((item) => {
        const r = readResponse(item);
        quiz.st.r[item.index] = isAnswered(r) ? r : null;
        quiz.st.t[item.index] = Math.round(item.spent);
        const out = Scoring.score(item.q, r, itemSeed(quiz, item));
        score += out.score;
        max += out.max;
        report(quiz, item, r);
      });
      const fraction = max > 0 ? score / max : 1;
      const pct = Math.round(fraction * 10000) / 100;
      const passed = pct + 1e-9 >= quiz.spec.pass;
      quiz.st.a += 1;
      quiz.st.x = 1;
      quiz.st.g = [pct, passed ? 1 : 0];
      delete quiz.st.k;
      if (quiz.final) Oqu.reportTest(passed, fraction); else Oqu.changed();
      showResult(quiz, timeUp);
      (quiz.heading || quiz.result).focus();
    }

    function showResult(quiz, timeUp) {
      let score = 0;
      let max = 0;
      const known = quiz.st.r.some((r) => r != null); // else the result is known from the LMS only
      if (quiz.list) quiz.list.textContent = '';
      quiz.shown.forEach((item) => {
        const r = quiz.st.r[item.index];
        const out = Scoring.score(item.q, r == null ? null : r, itemSeed(quiz, item));
        score += out.score;
        max += out.max;
        lock(item, true);
        if (quiz.spec.review) review(quiz, item, r, out, true);
        if (quiz.list && known) resultRow(quiz, item, r, out);
      });
      const g = quiz.st.g || [0, 0];
      if (!known) score = round2(max * g[0] / 100);
      quiz.result.textContent = '';
      if (timeUp) quiz.result.appendChild(el('p', 'oqu-time-up', S.quiz_time_up));
      quiz.result.appendChild(el('p', 'oqu-quiz-score', fmt(S.quiz_score, { score: num(score), max: num(max), pct: num(g[0]) })));
      quiz.result.appendChild(el('p', g[1] ? 'oqu-verdict oqu-pass' : 'oqu-verdict oqu-fail', g[1] ? S.quiz_passed : S.quiz_failed));
      const more = !quiz.spec.attempts || quiz.st.a < quiz.spec.attempts;
      if (!g[1] && !more) quiz.result.appendChild(el('p', 'oqu-no-more', S.quiz_no_attempts));
      else if (quiz.spec.attempts > 0 && more) quiz.result.appendChild(el('p', 'oqu-attempts-left', fmt(S.quiz_attempts_left, { n: quiz.spec.attempts - quiz.st.a })));
      if (quiz.final) quiz.screen.hidden = false;
      quiz.result.tabIndex = -1;
      if (quiz.clock) quiz.clock.parentElement.hidden = true;
      updateHead(quiz);
    }

    function review(quiz, item, r, out, full) {
      const q = item.q;
      const box = item.review;
      box.textContent = '';
      box.hidden = false;
      const partly = out.correct === false && out.score > 0; // partial credit: never marked ✗
      const verdict = out.correct == null ? S.quiz_recorded : out.correct ? S.quiz_right : partly ? S.quiz_partly + ' (' + fmt(S.quiz_points, { score: num(out.score), max: num(out.max) }) + ')' : S.quiz_wrong;
      box.appendChild(el('p', 'oqu-verdict ' + (out.correct == null ? 'oqu-neutral' : out.correct ? 'oqu-pass' : partly ? 'oqu-partly' : 'oqu-fail'), verdict));
      item.field.classList.toggle('oqu-is-right', out.correct === true);
      item.field.classList.toggle('oqu-is-partly', partly);
      item.field.classList.toggle('oqu-is-wrong', out.correct === false && !partly);
      const fb = out.correct === true ? q.feedbackCorrect : out.correct === false ? q.feedbackIncorrect : '';
      if (fb) appendHtml(box.appendChild(el('div', 'oqu-feedback')), fb);
      if (!full) return;
      if (q.feedback) appendHtml(box.appendChild(el('div', 'oqu-feedback')), q.feedback);
      // per-option feedback and the key, on the options themselves
      if (q.type === 'single' || q.type === 'multiple') {
        const chosen = q.type === 'single' ? [r] : (Array.isArray(r) ? r : []);
        item.field.querySelectorAll('label.oqu-option').forEach((label) => {
          const i = Number(label.querySelector('input').value);
          const c = q.choices[i];
          if (!c) return;
          if (c.correct) { label.classList.add('oqu-key'); label.appendChild(el('span', 'oqu-tag', S.quiz_right_answer.replace(/:$/, ''))); } else if (chosen.indexOf(i) >= 0) { label.classList.add('oqu-miss'); label.appendChild(el('span', 'oqu-tag', S.quiz_chosen)); }
          if (c.feedback && chosen.indexOf(i) >= 0) label.after(appendHtml(el('div', 'oqu-option-feedback'), c.feedback));
        });
        return;
      }
      if (q.type === 'truefalse') {
        item.field.querySelectorAll('label.oqu-option').forEach((label) => {
          if (label.querySelector('input').value === String(q.truth)) { label.classList.add('oqu-key'); label.appendChild(el('span', 'oqu-tag', S.quiz_right_answer.replace(/:$/, ''))); }
        });
        return;
      }
      if (q.type === 'hotspot') {
        item.field.querySelectorAll('.oqu-area').forEach((a, k) => { if (q.regions[k].correct) a.classList.add('oqu-key'); });
      }
      const key = keyText(quiz, item);
      if (key) {
        const p = box.appendChild(el('p', 'oqu-key-text'));
        p.appendChild(el('strong', null, S.quiz_right_answer + ' '));
        p.appendChild(doc.createTextNode(key));
      }
    }

    // One question on the results screen: right / partly right (with its points) / wrong, the
    // prompt, the learner's answer, the right answer (when the author shows answers) and the
    // feedback. Partial credit is never marked wrong.
    function resultRow(quiz, item, r, out) {
      const q = item.q;
      const state = out.correct == null ? 'neutral' : out.correct ? 'right' : out.score > 0 ? 'partly' : 'wrong';
      const li = quiz.list.appendChild(el('li', 'oqu-r oqu-r-' + state));
      const mark = state === 'neutral' ? S.quiz_recorded : state === 'right' ? S.quiz_right : state === 'partly' ? S.quiz_partly : S.quiz_wrong;
      const points = out.max > 0 ? ' · ' + fmt(S.quiz_points, { score: num(out.score), max: num(out.max) }) : '';
      li.appendChild(el('p', 'oqu-r-mark', mark + points));
      li.appendChild(el('p', 'oqu-r-q', plainText(q.prompt)));
      const line = (cls, label, text) => {
        const p = li.appendChild(el('p', cls));
        p.appendChild(el('strong', null, label + ' '));
        p.appendChild(doc.createTextNode(text));
      };
      line('oqu-r-answer', S.your_answer.replace(/:?$/, ':'), answerText(quiz, item, r));
      if (quiz.spec.review && out.correct !== true) {
        const key = q.type === 'single' || q.type === 'multiple' ? q.choices.filter((c) => c.correct).map((c) => plainText(c.text)).join('; ') : q.type === 'truefalse' ? (q.truth ? S.true : S.false) : keyText(quiz, item);
        if (key) line('oqu-r-key', S.quiz_right_answer, key);
      }
      if (!quiz.spec.review) return;
      const fb = [out.correct === true ? q.feedbackCorrect : out.correct === false ? q.feedbackIncorrect : '', q.feedback];
      if (q.type === 'single' || q.type === 'multiple') {
        const chosen = q.type === 'single' ? [r] : (Array.isArray(r) ? r : []);
        chosen.forEach((i) => { if (q.choices[i] && q.choices[i].feedback) fb.push(q.choices[i].feedback); });
      }
      fb.filter(Boolean).forEach((html) => appendHtml(li.appendChild(el('div', 'oqu-feedback')), html));
    }

    // The learner's response in words, for the results screen.
    function answerText(quiz, item, r) {
      const q = item.q;
      if (!isAnswered(r)) return S.quiz_no_answer;
      const opt = (i) => (q.choices[i] ? plainText(q.choices[i].text) : '—');
      const list = Array.isArray(r) ? r : [];
      switch (q.type) {
        case 'single': return opt(r);
        case 'multiple': return list.map(opt).join('; ');
        case 'truefalse': return r ? S.true : S.false;
        case 'sequence': return list.map((k, n) => '\n' + (n + 1) + '. ' + opt(k)).join(''); // a line each (pre-line)
        case 'matching': return q.lefts.map((l, k) => plainText(l) + ' → ' + (list[k] != null && q.rights[list[k]] != null ? plainText(q.rights[list[k]]) : '—')).join('; ');
        case 'blanks': case 'select': case 'dragwords': return list.map((x, k) => (k + 1) + ': ' + (x || '—')).join('; ');
        case 'likert': return q.choices.map((c, k) => plainText(c.text) + ': ' + (list[k] != null && q.scale[list[k]] != null ? q.scale[list[k]] : '—')).join('; ');
        case 'hotspot': {
          const reg = typeof r === 'number' ? q.regions[r] : null;
          if (reg) return reg.label || fmt(S.quiz_area, { n: r + 1 });
          return Array.isArray(r) ? S.quiz_point : String(r);
        }
        default: return String(r);
      }
    }

    function keyText(quiz, item) {
      const q = item.q;
      switch (q.type) {
        case 'short': return q.accepted.join(' · ');
        case 'numeric': return q.numeric.map((n) => (n.value != null ? Scoring.decimal(n.value) + (n.tolerance ? ' ± ' + Scoring.decimal(n.tolerance) + (n.relative ? ' %' : '') : '') : Scoring.decimal(n.low) + ' … ' + Scoring.decimal(n.high))).join('; ');
        case 'calculated': try { return Scoring.decimal(Scoring.calculatedAnswer(q, Scoring.draw(q, itemSeed(quiz, item)))[0]); } catch (e) { return ''; }
        case 'sequence': return q.choices.map((c, k) => '\n' + (k + 1) + '. ' + plainText(c.text)).join('');
        case 'matching': return q.lefts.map((l, k) => plainText(l) + ' → ' + plainText(q.rights[q.answerIndex[k]])).join('; ');
        case 'blanks': case 'select': case 'dragwords': return q.gaps.map((g, k) => (k + 1) + ': ' + (q.type === 'blanks' ? g.join(' / ') : g[0])).join('; ');
        case 'hotspot': return q.regions.filter((x) => x.correct).map((x) => x.label).filter(Boolean).join('; ');
        default: return '';
      }
    }

    // Self-check: one question at a time, feedback at once.
    function checkOne(quiz, item) {
      pauseClock();
      const r = readResponse(item);
      quiz.st.r[item.index] = isAnswered(r) ? r : null;
      quiz.st.t[item.index] = Math.round(item.spent);
      report(quiz, item, r);
      if (!Array.isArray(quiz.st.c)) quiz.st.c = [];
      quiz.st.c[item.index] = 1;
      showOne(quiz, item);
      Oqu.changed();
      item.review.tabIndex = -1;
      item.review.focus();
    }

    function showOne(quiz, item) {
      const r = quiz.st.r[item.index];
      const out = Scoring.score(item.q, r == null ? null : r, itemSeed(quiz, item));
      lock(item, true);
      item.review.setAttribute('role', 'status');
      review(quiz, item, r, out, quiz.spec.review);
      item.check.hidden = true;
      item.again.hidden = false;
      item.again.disabled = false;
    }

    function clearReview(item) {
      item.review.textContent = '';
      item.review.hidden = true;
      item.field.classList.remove('oqu-is-right', 'oqu-is-partly', 'oqu-is-wrong');
      item.field.querySelectorAll('.oqu-key, .oqu-miss').forEach((x) => x.classList.remove('oqu-key', 'oqu-miss'));
      item.field.querySelectorAll('.oqu-tag, .oqu-option-feedback').forEach((x) => x.remove());
      if (item.resetHints) item.resetHints();
    }

    function againOne(quiz, item) {
      clearReview(item);
      lock(item, false);
      quiz.st.c[item.index] = 0;
      quiz.st.r[item.index] = null;
      writeResponse(item, null);
      item.check.hidden = false;
      item.again.hidden = true;
      Oqu.changed();
      const first = item.field.querySelector('input, select:not([hidden]), textarea, [tabindex="0"]');
      if (first) first.focus();
    }

    function retry(quiz) {
      quiz.shown.forEach((item) => { clearReview(item); lock(item, false); writeResponse(item, null); item.spent = 0; });
      quiz.items.forEach((item) => { if (item.q.type === 'hotspot') setPoint(item, null); });
      quiz.st = { a: quiz.st.a, s: newSeed(), r: [], t: [], n: quiz.st.n, g: quiz.st.g };
      quiz.result.textContent = '';
      if (quiz.list) { quiz.list.textContent = ''; quiz.screen.hidden = true; }
      applyAttempt(quiz);
      if (quiz.clock) quiz.clock.parentElement.hidden = false;
      updateHead(quiz);
      startTimer(quiz);
      Oqu.changed();
      const first = quiz.shown[0] && quiz.shown[0].field.querySelector('input, select:not([hidden]), textarea, [tabindex="0"]');
      if (first) first.focus();
    }

    /* ---------- time limit ---------- */

    function slideShown(quiz) { const s = quiz.form.closest('.oqu-slide'); return !s || !s.hidden; }

    function startTimer(quiz) {
      if (!quiz.final || !(quiz.spec.time > 0) || quiz.st.x || quiz.timer) return;
      if (typeof quiz.st.k !== 'number') quiz.st.k = quiz.spec.time;
      quiz.deadline = Date.now() + quiz.st.k * 1000;
      quiz.warned = WARN_AT.filter((w) => w >= quiz.st.k);
      tick(quiz);
      quiz.timer = setInterval(() => tick(quiz), 250);
    }

    function stopTimer(quiz) { if (quiz.timer) clearInterval(quiz.timer); quiz.timer = null; }

    function tick(quiz) {
      const left = Math.max(0, (quiz.deadline - Date.now()) / 1000);
      quiz.st.k = Math.ceil(left);
      quiz.clock.textContent = clock(left);
      WARN_AT.forEach((w) => {
        if (left <= w && quiz.warned.indexOf(w) < 0) { quiz.warned.push(w); quiz.timeLive.textContent = fmt(S.quiz_time_warn, { t: clock(left) }); }
      });
      if (left <= 0) { submit(quiz, true); quiz.timeLive.textContent = S.quiz_time_up; }
    }

    function watchSlides() {
      quizzes.forEach((quiz) => { if (slideShown(quiz)) startTimer(quiz); });
    }

    /* ---------- saved state, within suspend_data's budget ---------- */

    function snapshot() {
      const out = {};
      quizzes.forEach((quiz) => {
        const st = quiz.st;
        if (!quiz.final || st.x) delete st.k;
        if (quiz.timer) st.k = Math.max(0, Math.ceil((quiz.deadline - Date.now()) / 1000));
        st.t = st.t || [];
        quiz.items.forEach((item) => { if (item.spent) st.t[item.index] = Math.round(item.spent); });
        const o = { a: st.a, s: st.s };
        const trim = (list) => { const a = list.slice(); while (a.length && (a[a.length - 1] == null)) a.pop(); return a.map((v) => (v === undefined ? null : v)); };
        if (st.r.some((v) => v != null)) o.r = trim(st.r);
        if (st.t.some(Boolean)) o.t = trim(st.t.map((v) => v || 0));
        if (st.n.some((v) => typeof v === 'number')) o.n = trim(st.n.map((v) => (typeof v === 'number' ? v : -1)));
        if (st.x) o.x = 1;
        if (Array.isArray(st.c) && st.c.some(Boolean)) o.c = trim(st.c.map((v) => (v ? 1 : 0)));
        if (st.g) o.g = st.g;
        if (typeof st.k === 'number') o.k = st.k;
        // nothing begun (no answer, check, submission or running clock): nothing to keep
        if (o.r || o.x || o.c || o.a || o.n || 'k' in o) out[quiz.id] = o;
      });
      return Object.keys(out).length ? fit(out) : null;
    }

    // The 1.2 limit is 4,096 characters for everything: long texts are cut (the longest first),
    // then the time spent per question goes, so the answers themselves survive.
    function fit(out) {
      const max = Oqu.suspendMax ? Oqu.suspendMax() : 0;
      if (!max) return out;
      const budget = max - SUSPEND_RESERVE;
      const size = () => JSON.stringify(out).length;
      // one entry's share of that size ("id":{…},), so deleting from a course with hundreds of
      // self-checks does not serialise them all again per deletion (a check's click stays fast)
      const share = (id) => JSON.stringify(id).length + JSON.stringify(out[id]).length + 2;
      let total = size();
      Object.keys(out).forEach((id) => {
        if (total <= budget || !('t' in out[id])) return;
        const before = share(id);
        delete out[id].t;
        total -= before - share(id);
      });
      for (let guard = 0; (total = size()) > budget && guard < 200; guard++) {
        let best = null;
        Object.values(out).forEach((o) => (o.r || []).forEach((v, i, list) => {
          const texts = typeof v === 'string' ? [[list, i]] : Array.isArray(v) ? v.map((x, j) => [v, j]).filter(([a, j]) => typeof a[j] === 'string') : [];
          texts.forEach(([a, j]) => { if (!best || a[j].length > best[0][best[1]].length) best = [a, j]; });
        }));
        if (!best || best[0][best[1]].length < 8) break;
        const s = best[0][best[1]];
        best[0][best[1]] = s.slice(0, Math.floor(s.length / 2));
      }
      // Still too long (a course with hundreds of self-checks): self-check states go, the last
      // first, so the final test's attempt, answers and interaction indices survive.
      const checks = quizzes.filter((quiz) => !quiz.final && quiz.id in out).reverse();
      total = size();
      for (let k = 0; k < checks.length && total > budget; k++) {
        total -= share(checks[k].id);
        delete out[checks[k].id];
      }
      return out;
    }

    Oqu.registerState('qz', {
      save: () => (quizzes.length ? snapshot() : saved),
      restore: (value) => { saved = value && typeof value === 'object' ? value : {}; },
    });
    let checks = 0;
    forms.forEach((form) => {
      try {
        const quiz = setupQuiz(form);
        if (!quiz) return;
        quiz.tag = quiz.final ? 'final' : 'check' + (++checks);
        quizzes.push(quiz);
      } catch (e) { console.warn('oqu quiz: could not set up', form.id, e); }
    });
    // Back after passing: the learner lands on the result.
    const passed = quizzes.find((quiz) => quiz.final && quiz.st.x && quiz.st.g && quiz.st.g[1]);
    if (passed) {
      const slide = passed.form.closest('.oqu-slide');
      const k = Array.from(doc.querySelectorAll('.oqu-slide')).indexOf(slide);
      if (k >= 0 && Oqu.slide() !== k) Oqu.go(k);
    }
    if (root) root.addEventListener('oqu:slide', watchSlides);
    watchSlides();
    Oqu.changed();

    // For tests and previews: the attempt's per-question seeds and the shown order.
    window.OquQuiz = Object.freeze({
      seeds: (id) => { const quiz = quizzes.find((x) => x.id === id); const o = {}; if (quiz) quiz.items.forEach((it) => { o[it.q.id] = itemSeed(quiz, it); }); return o; },
      responses: (id) => { const quiz = quizzes.find((x) => x.id === id); const o = {}; if (quiz) quiz.items.forEach((it) => { o[it.q.id] = readResponse(it); }); return o; },
      shown: (id) => { const quiz = quizzes.find((x) => x.id === id); return quiz ? quiz.shown.map((it) => it.q.id) : []; },
      submit: (id) => { const quiz = quizzes.find((x) => x.id === id); if (quiz && quiz.final) submit(quiz, false); },
    });
  }

  if (window.Oqu) start(window.Oqu);
  else (window.OquModules = window.OquModules || []).push(start);
})();
