/* Oqu player: one slide at a time, progress saved to the LMS (SCORM 1.2 / 2004) or localStorage.
 * Reads the page the builder wrote (the HTML contract in oqu/packaging/site.py, docs/player.md) and
 * never fetches anything: the search index, captions and transcripts are in the page already.
 * No eval, no inline handlers, no innerHTML of content: a strict Content-Security-Policy holds.
 * Without this script every slide stays visible, stacked, so the page still reads.
 *
 * Sections: constants · helpers · saved state · LMS · slides · chrome (bar, panels, search,
 * glossary) · interactions (one setup per kind) · media · public surface · start. */
(function () {
  'use strict';

  /* ---------- constants ---------- */

  // SCORM run-time names, one table per version. Nothing below spells a cmi.* name itself.
  const SCORM = {
    scorm12: {
      api: 'API',
      init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue',
      commit: 'LMSCommit', lastError: 'LMSGetLastError',
      location: 'cmi.core.lesson_location', suspendData: 'cmi.suspend_data',
      status: 'cmi.core.lesson_status', progress: null, success: null,
      scoreRaw: 'cmi.core.score.raw', scoreMin: 'cmi.core.score.min', scoreMax: 'cmi.core.score.max',
      scoreScaled: null,
      sessionTime: 'cmi.core.session_time', exit: 'cmi.core.exit', learner: 'cmi.core.student_id',
      entry: 'cmi.core.entry',
      done: ['completed', 'passed', 'failed'], incomplete: 'incomplete', completed: 'completed',
      passed: 'passed', failed: 'failed',
      exitSuspend: 'suspend',
      alreadyInitialized: '101', suspendMax: 4096, locationMax: 255, time: hms,
    },
    scorm2004: {
      api: 'API_1484_11',
      init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue',
      commit: 'Commit', lastError: 'GetLastError',
      location: 'cmi.location', suspendData: 'cmi.suspend_data',
      status: 'cmi.completion_status', progress: 'cmi.progress_measure', success: 'cmi.success_status',
      scoreRaw: 'cmi.score.raw', scoreMin: 'cmi.score.min', scoreMax: 'cmi.score.max',
      scoreScaled: 'cmi.score.scaled',
      sessionTime: 'cmi.session_time', exit: 'cmi.exit', learner: 'cmi.learner_id',
      entry: 'cmi.entry',
      done: ['completed'], incomplete: 'incomplete', completed: 'completed',
      passed: 'passed', failed: 'failed',
      exitSuspend: 'suspend',
      alreadyInitialized: '103', suspendMax: 64000, locationMax: 1000, time: iso,
    },
  };
  // SCORM 1.2 has one status word for completion and success; a better word never gives way,
  // except that a test's "failed" replaces "completed" (the test decides the outcome).
  const RANK12 = { '': 0, 'not attempted': 0, browsed: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 };
  // When is the DER complete? Keyed by "completion" in oqu-data (der.yaml's `completion`).
  // Other modules add or replace rules with Oqu.registerCompletion(name, fn).
  const COMPLETION = {
    slides: (st) => st.visited.every(Boolean),
    interactions: (st) => st.visited.every(Boolean) && st.opened.every(Boolean),
    test: (st) => Boolean(st.test && st.test.passed),
  };
  const STATE_VERSION = 1;
  const COMMIT_INTERVAL = 2000; // ms: at most one throttled commit per interval
  const SWIPE_MIN = 50; // px
  const API_SEARCH_DEPTH = 10; // parent frames climbed looking for the LMS
  // English fallbacks; the page's strings (kk/ru/en, oqu/i18n.py) override them.
  const DEFAULT_STRINGS = {
    slide_of: '{n} / {total}', slide: 'Slide', prev: 'Previous', next: 'Next', menu: 'Menu',
    outline: 'Outline', search: 'Search', search_hits: 'Found: {n}', glossary: 'Glossary',
    references: 'References', references_basic: 'Basic', references_additional: 'Additional',
    media_list: 'Media', video: 'Video', audio: 'Audio', figure: 'Figure',
    write_teacher: 'Write to the teacher', fullscreen: 'Full screen', close: 'Close',
    goto: 'Go to slide', go: 'Go', progress: 'Viewed', step_of: 'Step {n} of {total}',
    prev_step: 'Previous step', next_step: 'Next step', restart: 'Start over',
    flip: 'Turn the card', flipped: 'Back of the card', transcript: 'Transcript',
    media_error: 'The media file could not be loaded', missing: 'This element has no content',
    open: 'Open', slides_panel: 'Slides', zoom: 'Enlarge the picture',
  };
  // Search folding, one UTF-16 unit to one, so positions in the folded text are positions in
  // the original: case, ё/е, and Kazakh letters to the Russian ones typed without a kk layout.
  const FOLD = { 'ё': 'е', 'ә': 'а', 'ғ': 'г', 'қ': 'к', 'ң': 'н', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'һ': 'х', 'і': 'и', 'i': 'и' };

  const doc = document;
  const root = doc.getElementById('oqu');
  if (!root) return;
  const slides = Array.from(root.querySelectorAll('.oqu-slide'));
  if (!slides.length) return;
  const data = readData();
  const S = Object.assign({}, DEFAULT_STRINGS, data.strings);
  const pkg = data.package || doc.documentElement.getAttribute('data-oqu-package') || 'web';
  const counter = root.querySelector('.oqu-counter');
  const prevBtn = root.querySelector('.oqu-prev');
  const nextBtn = root.querySelector('.oqu-next');
  const boxes = Array.from(root.querySelectorAll('.oqu-interaction'));
  // What can be "opened", in page order; the index is its bit in the saved state: every item of
  // every interaction, and a video or audio element that has no items stands for itself.
  const items = [];
  boxes.forEach((box) => {
    const own = ownItems(box);
    if (own.length) items.push(...own);
    else if (box.querySelector('video, audio')) items.push(box);
  });

  const state = { current: 0, visited: new Array(slides.length).fill(false),
    opened: new Array(items.length).fill(false), completed: false, test: null, ext: {} };
  // The saved bitsets are positional; this fingerprint drops them when the content changed.
  const fingerprint = hash(slides.map((s) => s.id).join() + '|' + items.length);
  const stateModules = {}; // name -> {save, restore}: other modules' compact state
  const shows = new Map(); // item -> function that shows it (search hits, print, resume)
  const marks = new Map(); // item -> controls that carry its "seen" tick

  /* ---------- helpers ---------- */

  function readData() {
    try {
      const el = doc.getElementById('oqu-data');
      return (el && JSON.parse(el.textContent)) || {};
    } catch (e) {
      return {};
    }
  }

  function ownItems(box) { return Array.from(box.children).filter((c) => c.classList.contains('oqu-item')); }

  function hash(text) { // djb2, base 36: short, stable, not cryptographic
    let h = 5381;
    for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36);
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  }

  function pad(n, width) { return String(n).padStart(width, '0'); }

  function hms(ms) { // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS
    const cs = Math.round(ms / 10);
    const h = Math.min(9999, Math.floor(cs / 360000));
    return pad(h, 4) + ':' + pad(Math.floor(cs / 6000) % 60, 2) + ':' +
      pad(Math.floor(cs / 100) % 60, 2) + '.' + pad(cs % 100, 2);
  }

  function iso(ms) { // SCORM 2004 timeinterval: ISO 8601 duration
    return 'PT' + (Math.round(ms / 10) / 100).toFixed(2) + 'S';
  }

  function fold(text) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const low = c.toLowerCase();
      const one = low.length === 1 ? low : c;
      out += FOLD[one] || one;
    }
    return out;
  }

  // el('button', {class: 'x', type: 'button'}, 'text', child…): attributes and children only.
  function el(tag, attrs, ...children) {
    const node = doc.createElement(tag);
    if (attrs) {
      for (const k in attrs) {
        const v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    children.forEach((c) => { if (c !== null && c !== undefined) node.append(c); });
    return node;
  }

  function svgIcon(paths) { // a decorative icon, drawn by path data only
    const ns = 'http://www.w3.org/2000/svg';
    const svg = doc.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'oqu-icon');
    paths.forEach((d) => {
      const p = doc.createElementNS(ns, 'path');
      p.setAttribute('d', d);
      svg.appendChild(p);
    });
    return svg;
  }
  const ICONS = {
    menu: ['M3 6h18M3 12h18M3 18h18'],
    side: ['M3 4h18v16H3zM9 4v16'],
    search: ['M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z', 'M15.5 15.5 21 21'],
    mail: ['M3 6h18v12H3z', 'M3 6l9 7 9-7'],
    full: ['M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5'],
    close: ['M6 6l12 12M18 6 6 18'],
  };

  let uid = 0;
  function idFor(node, prefix) {
    if (!node.id) node.id = prefix + '-' + (++uid);
    return node.id;
  }

  function titleOf(item, k) {
    const h = item.querySelector(':scope > .oqu-item-title');
    return h ? h.textContent.trim() : String(k + 1);
  }

  function warn(message, detail) {
    if (window.console) console.warn('oqu: ' + message, detail === undefined ? '' : detail);
  }

  function visible(node) { return Boolean(node && node.getClientRects().length); }
  // The same question without a layout (style only): for the start, before the first frame.
  function shown(node) {
    if (!node) return false;
    return node.checkVisibility ? node.checkVisibility() : visible(node);
  }

  /* ---------- saved state: compact JSON, bitsets in hex ---------- */

  // Bits <-> hex, four per character: 200 slides take 50 characters.
  function toHex(bits) {
    let out = '';
    for (let i = 0; i < bits.length; i += 4) {
      let v = 0;
      for (let j = 0; j < 4; j++) if (bits[i + j]) v |= 8 >> j;
      out += v.toString(16);
    }
    return out;
  }

  function fromHex(text, into) {
    for (let i = 0; i < into.length && i < text.length * 4; i++) {
      const v = parseInt(text[i >> 2], 16) || 0;
      if (v & (8 >> (i & 3))) into[i] = true;
    }
  }

  function collectExt() {
    const out = {};
    let any = false;
    for (const name in stateModules) {
      try {
        const v = stateModules[name].save();
        if (v !== undefined && v !== null) { out[name] = v; any = true; }
      } catch (e) { warn('state module "' + name + '" failed to save', e); }
    }
    Object.assign(state.ext, out);
    return any || Object.keys(state.ext).length ? state.ext : null;
  }

  // level 0: everything; 1: without the opened items; 2: without other modules' state too.
  function encodeState(level) {
    const o = { v: STATE_VERSION, f: fingerprint, s: toHex(state.visited) };
    if (level < 1) o.o = toHex(state.opened);
    if (state.completed) o.c = 1;
    if (state.test) o.t = [state.test.passed ? 1 : 0, state.test.score];
    if (level < 2) { const x = collectExt(); if (x) o.x = x; }
    return JSON.stringify(o);
  }

  function decodeState(text) {
    let o;
    try { o = JSON.parse(text); } catch (e) { return; }
    if (!o || o.v !== STATE_VERSION || o.f !== fingerprint) return;
    fromHex(String(o.s || ''), state.visited);
    fromHex(String(o.o || ''), state.opened);
    if (o.c) state.completed = true;
    if (Array.isArray(o.t)) state.test = { passed: o.t[0] === 1, score: typeof o.t[1] === 'number' ? o.t[1] : null };
    if (o.x && typeof o.x === 'object') state.ext = o.x;
  }

  /* ---------- storage: the LMS when there is one, localStorage always ---------- */

  function findApi(name) {
    const look = (start) => {
      let win = start;
      for (let i = 0; win && i <= API_SEARCH_DEPTH; i++) {
        try { if (win[name]) return win[name]; } catch (e) { /* cross-origin frame */ }
        let up = null;
        try { up = win.parent; } catch (e) { /* cross-origin frame */ }
        if (!up || up === win) break;
        win = up;
      }
      return null;
    };
    let opener = null;
    try { opener = window.opener; } catch (e) { /* cross-origin opener */ }
    return look(window) || (opener ? look(opener) : null);
  }

  function connect() {
    if (pkg !== 'scorm12' && pkg !== 'scorm2004') return null; // a web folder has no LMS
    const order = pkg === 'scorm2004' ? ['scorm2004', 'scorm12'] : ['scorm12', 'scorm2004'];
    for (const version of order) {
      const t = SCORM[version];
      const api = findApi(t.api);
      if (!api) continue;
      const lms = {
        t, alive: true,
        call(method, ...args) { // an LMS that throws or answers "false" must never stop the learner
          if (!lms.alive) return null;
          try {
            const r = api[method](...args);
            if (r === false || r === 'false') warn('LMS ' + method + '(' + (args[0] || '') + ') failed');
            return r;
          } catch (e) {
            warn('LMS ' + method + '(' + (args[0] || '') + ') failed', e);
            return null;
          }
        },
      };
      if (isTrue(lms.call(t.init, '')) || String(lms.call(t.lastError)) === t.alreadyInitialized) return lms;
    }
    return null;
  }

  function isTrue(r) { return r === true || r === 'true'; }

  const started = Date.now();
  const lms = connect();
  const t = lms ? lms.t : null;
  const get = (name) => { const v = lms.call(t.get, name); return v == null ? '' : String(v); };
  const set = (name, v) => lms.call(t.set, name, String(v));
  let storeKey = 'oqu:' + pkg + ':' + (data.title || doc.title);
  if (lms) {
    const learner = get(t.learner);
    if (learner) storeKey += ':' + learner;
  }

  function readLocal() {
    try { return JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch (e) { return null; }
  }

  function writeLocal() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({ loc: slides[state.current].id, s: encodeState(0) }));
    } catch (e) { /* private mode, file:// quirks, quota: the LMS or nothing */ }
  }

  // The better of two test results: passed beats failed, then the higher score. What the
  // learner achieved is never lowered, by a retake or by an LMS that forgot the suspend data.
  function better(a, b) {
    if (!a) return b;
    if (!b) return a;
    if (a.passed !== b.passed) return a.passed ? a : b;
    return (b.score == null ? -1 : b.score) > (a.score == null ? -1 : a.score) ? b : a;
  }

  // What the LMS already holds about the result (1.2 lesson_status, 2004 success_status, the
  // score), read at start: an LMS may hand back no location nor suspend data (Moodle does so
  // for 2004 unless the stored cmi.exit was "suspend") and still keep the status and score.
  function lmsResult() {
    const raw = parseFloat(get(t.scoreRaw));
    const score = isFinite(raw) ? Math.max(0, Math.min(1, raw / 100)) : null;
    const word = t.success ? get(t.success) : get(t.status);
    if (word === t.passed) return { passed: true, score };
    if (word === t.failed) return { passed: false, score };
    return null;
  }

  // Where to start: the LMS's copy if it has one, else this browser's copy.
  function resume() {
    let loc = '';
    let saved = '';
    let known = null;
    if (lms) {
      entry = get(t.entry);
      loc = get(t.location);
      saved = get(t.suspendData);
      const status = get(t.status);
      if (t.done.indexOf(status) >= 0 && status !== t.failed) state.completed = true;
      known = lmsResult();
      const raw = parseFloat(get(t.scoreRaw));
      if (isFinite(raw)) heldScore = Math.max(0, Math.min(1, raw / 100));
      // what the LMS holds needs no writing again (only changed values are written)
      [t.location, t.suspendData, t.status, t.success, t.scoreRaw].forEach((name) => { if (name) sent[name] = get(name); });
    }
    if (!loc && !saved) {
      const local = readLocal();
      if (local) { loc = String(local.loc || ''); saved = String(local.s || ''); }
    }
    if (saved) decodeState(saved);
    state.test = better(state.test, known);
    return loc;
  }

  let lastCommit = 0;
  let commitTimer = 0;
  let entry = '';
  let heldScore = null; // the LMS's score at start, 0..1
  const sent = {}; // element -> the value last written (or read at start): unchanged ones are skipped

  function put(name, value) {
    const v = String(value);
    if (sent[name] === v) return;
    sent[name] = v; // a refused value is not retried on every save: the learner goes on
    set(name, v);
  }

  function scoreRaw() {
    if (!state.test || typeof state.test.score !== 'number') return null;
    return Math.round(Math.max(0, Math.min(1, state.test.score)) * 10000) / 100;
  }

  // Everything but the score, which save() leaves to commitNow(): status first, commit, then
  // the score, commit — an LMS that decides grade and completion from the values it held
  // before a commit (Moodle) then completes at once instead of one launch late.
  function save() {
    writeLocal();
    if (!lms || !lms.alive) return;
    put(t.location, slides[state.current].id.slice(0, t.locationMax));
    let suspend = '';
    for (let level = 0; level < 3; level++) {
      suspend = encodeState(level);
      if (suspend.length <= t.suspendMax) break;
    }
    if (suspend.length <= t.suspendMax) put(t.suspendData, suspend);
    else warn('suspend_data does not fit', suspend.length);
    let status = state.completed ? t.completed : t.incomplete;
    if (!t.success && state.test) status = state.test.passed ? t.passed : t.failed; // the test decides
    const held = sent[t.status] || '';
    const up = t.success
      ? t.done.indexOf(held) < 0
      : (RANK12[status] || 0) > (RANK12[held] || 0) || (status === t.failed && held === t.completed);
    if (status !== held && up) put(t.status, status);
    if (t.success && state.test) put(t.success, state.test.passed ? t.passed : t.failed);
    if (t.progress) put(t.progress, (state.visited.filter(Boolean).length / slides.length).toFixed(4));
    // Always "suspend": there is always something to come back to (the place, the result), and
    // an LMS may restore nothing after any other exit (Moodle, SCORM 2004).
    put(t.exit, t.exitSuspend);
  }

  function scorePending() {
    const raw = scoreRaw();
    return raw !== null && sent[t.scoreRaw] !== String(raw) && !(parseFloat(sent[t.scoreRaw]) > raw);
  }

  function commitNow() {
    clearTimeout(commitTimer);
    commitTimer = 0;
    save();
    if (lms && lms.alive) {
      put(t.sessionTime, t.time(Date.now() - started));
      lms.call(t.commit, '');
      if (scorePending()) {
        const raw = scoreRaw();
        put(t.scoreMin, 0);
        put(t.scoreMax, 100);
        put(t.scoreRaw, raw);
        if (t.scoreScaled) put(t.scoreScaled, (raw / 100).toFixed(4));
        lms.call(t.commit, '');
      }
    }
    lastCommit = Date.now();
  }

  function scheduleCommit() { // values set at once; Commit throttled, the last change always sent
    save();
    if (!lms || !lms.alive || commitTimer) return;
    const wait = lastCommit + COMMIT_INTERVAL - Date.now();
    if (wait <= 0) commitNow();
    else commitTimer = setTimeout(commitNow, wait);
  }

  function finish() {
    if (!lms || !lms.alive) { writeLocal(); return; }
    commitNow();
    lms.call(t.finish, '');
    lms.alive = false; // after Finish the LMS is gone for this page: keep saving locally
  }

  function isComplete(st) { return Boolean((COMPLETION[data.completion] || COMPLETION.slides)(st)); }

  function checkComplete() {
    if (!state.completed && isComplete(state)) state.completed = true;
  }

  /* ---------- slides ---------- */

  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ''; } // "#%E0"
  }

  function slideIndexFor(id) {
    if (!id) return -1;
    const node = doc.getElementById(id);
    const slide = node && node.closest('.oqu-slide');
    return slide ? slides.indexOf(slide) : -1;
  }

  function go(index, focus) {
    const i = Math.max(0, Math.min(slides.length - 1, index));
    const changed = i !== state.current;
    if (changed) clearHits();
    state.current = i;
    slides.forEach((s, k) => { s.hidden = k !== i; });
    const slide = slides[i];
    if (counter) counter.textContent = format(S.slide_of, { n: i + 1, total: slides.length });
    if (prevBtn) prevBtn.disabled = i === 0;
    if (nextBtn) nextBtn.disabled = i === slides.length - 1;
    if (slideIndexFor(hashId()) !== i) {
      try { history.replaceState(history.state, '', '#' + slide.id); } catch (e) { location.replace('#' + slide.id); }
    }
    state.visited[i] = true;
    // Media are shipped with preload="none" (the page loads without them); on the slide shown
    // they fetch their metadata, so a missing file gets its placeholder before play is pressed.
    slide.querySelectorAll('video[preload="none"], audio[preload="none"]').forEach((m) => {
      m.preload = 'metadata';
      m.load();
    });
    // A poster past the first slides is shipped as data-poster (Chromium fetches `poster` even
    // in a hidden slide, delaying the load event): set on this slide and the next (issue 17).
    [slide, slides[i + 1]].forEach((s) => {
      if (s) s.querySelectorAll('video[data-poster]').forEach((v) => { v.poster = v.getAttribute('data-poster'); v.removeAttribute('data-poster'); });
    });
    // What the learner sees on arrival counts as opened: plain cards, the tab or step on show.
    items.forEach((item) => {
      if (item.classList.contains('oqu-interaction') || !slide.contains(item)) return;
      const body = item.querySelector(':scope > .oqu-item-body');
      if (!item.hidden && shown(body)) markOpened(item, true);
    });
    checkComplete();
    // On the stage a long slide scrolls inside itself: back to its top (at the start it is
    // there, and setting scrollTop would force a layout).
    if (!starting) slide.scrollTop = 0;
    // A slide that overflows is reachable by keyboard. At the start this waits for the first
    // layout (a ResizeObserver answers after it): reading scrollHeight here would force a layout
    // of the whole page before the load event (issue 17).
    if (starting) afterLayout(slide, () => { if (state.current === i) scrollable(slide); });
    else scrollable(slide);
    chrome.update(i);
    if (focus) {
      const title = slide.querySelector('.oqu-slide-title') || slide;
      title.setAttribute('tabindex', '-1');
      title.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    if (changed) root.dispatchEvent(new CustomEvent('oqu:slide', { detail: { index: i, id: slide.id } }));
    scheduleCommit();
  }

  const step = (d) => go(state.current + d, true);

  function scrollable(slide) { if (slide.scrollHeight > slide.clientHeight + 1) slide.tabIndex = 0; }

  // fn() once node has been laid out, in the frame's own layout rather than a forced one.
  function afterLayout(node, fn) {
    if (typeof ResizeObserver !== 'function') { fn(); return; }
    const ro = new ResizeObserver(() => { ro.disconnect(); fn(); });
    ro.observe(node);
  }

  /* ---------- opened items ---------- */

  let ready = false; // setting up interactions opens nothing; only the learner does
  let starting = true; // the first go(), before the load event: nothing may force a layout
  function markOpened(item, quiet) {
    const k = items.indexOf(item);
    if (!ready || k < 0 || state.opened[k]) return;
    state.opened[k] = true;
    paintSeen(item);
    if (quiet) return;
    checkComplete();
    chrome.update(state.current);
    scheduleCommit();
  }

  function paintSeen(item) {
    item.classList.add('oqu-seen');
    (marks.get(item) || []).forEach((c) => c.classList.add('oqu-seen'));
  }

  function link(item, control, show) { // a control that opens item; show() opens it by program
    if (!marks.has(item)) marks.set(item, []);
    marks.get(item).push(control);
    if (show) shows.set(item, show);
  }

  /* ---------- chrome: bar tools, progress, panels, search, glossary popover ---------- */

  const chrome = buildChrome();

  function buildChrome() {
    const bar = root.querySelector('.oqu-bar');
    const nav = root.querySelector('.oqu-nav');
    const none = { update() {}, openPanel() {} };
    if (!bar) return none;
    const tools = el('div', { class: 'oqu-tools' });
    const toolButton = (icon, label, cls) => {
      const b = el('button', { type: 'button', class: 'oqu-tool ' + cls, 'aria-label': label, title: label }, svgIcon(ICONS[icon]));
      tools.appendChild(b);
      return b;
    };
    const menuBtn = toolButton('menu', S.menu, 'oqu-menu-open');
    const searchBtn = toolButton('search', S.search, 'oqu-search-open');
    let mail = null;
    if (data.contact) {
      mail = el('a', { class: 'oqu-tool oqu-mail', href: 'mailto:' + data.contact, 'aria-label': S.write_teacher, title: S.write_teacher }, svgIcon(ICONS.mail));
      tools.appendChild(mail);
    }
    let fullBtn = null;
    if (doc.fullscreenEnabled) {
      fullBtn = toolButton('full', S.fullscreen, 'oqu-fullscreen');
      fullBtn.setAttribute('aria-pressed', 'false');
      fullBtn.addEventListener('click', () => {
        if (doc.fullscreenElement) doc.exitFullscreen().catch(() => {});
        else doc.documentElement.requestFullscreen().catch((e) => warn('full screen refused', e));
      });
      doc.addEventListener('fullscreenchange', () => fullBtn.setAttribute('aria-pressed', String(Boolean(doc.fullscreenElement))));
    }
    bar.appendChild(tools);

    // Progress: the share of slides viewed. The line under the bar shows it; the bar (the
    // banner landmark) says it to a screen reader, so nothing of the page is outside a landmark.
    const fill = el('span', { class: 'oqu-progress-fill' });
    const line = el('div', { class: 'oqu-progress', 'aria-hidden': 'true' }, fill);
    const progress = el('span', { class: 'oqu-sr', role: 'progressbar', 'aria-label': S.progress,
      'aria-valuemin': 0, 'aria-valuemax': 100 });
    bar.insertBefore(progress, tools);
    bar.after(line);

    // The sidebar of the slide stage (shown by the stylesheet only on the stage): every slide's
    // title (else its first heading), the current one marked; collapsible, open by default only
    // where there is room (not in Moodle's frame or popup).
    const sideLinks = [];
    let side = null;
    if (doc.documentElement.hasAttribute('data-oqu-stage')) {
      const ol = el('ol');
      side = el('nav', { class: 'oqu-side', id: 'oqu-side', 'aria-label': S.slides_panel }, ol);
      slides.forEach((sl, i) => {
        const h = sl.querySelector('h2, h3, h4');
        const title = (data.slides && data.slides[i] && data.slides[i].title) || (h && h.textContent.trim()) || S.slide + ' ' + (i + 1);
        sideLinks[i] = el('button', { type: 'button', class: 'oqu-outline-slide', 'data-slide': i },
          el('span', { class: 'oqu-outline-n', text: String(i + 1) }), el('span', { text: title }));
        ol.appendChild(el('li', null, sideLinks[i]));
      });
      ol.addEventListener('click', (e) => { const b = e.target.closest('[data-slide]'); if (b) go(Number(b.getAttribute('data-slide')), true); });
      line.after(side);
      const sideBtn = el('button', { type: 'button', class: 'oqu-tool oqu-side-open', 'aria-controls': side.id, 'aria-label': S.slides_panel, title: S.slides_panel }, svgIcon(ICONS.side));
      bar.insertBefore(sideBtn, bar.firstChild);
      const setSide = (open) => { side.hidden = !open; sideBtn.setAttribute('aria-expanded', String(open)); };
      sideBtn.addEventListener('click', () => setSide(side.hidden));
      setSide(window.innerWidth >= 1100);
    }

    // The panel (outline, search, glossary, references, media) is built when first opened:
    // nothing of it delays the first slide.
    const glossary = Array.isArray(data.glossary) ? data.glossary : [];
    let slideLinks = [];
    let gotoInput = null;
    let panel = null;
    function openPanel(key) {
      if (!panel) panel = makePanel();
      panel.open(key);
    }
    menuBtn.addEventListener('click', () => openPanel('outline'));
    searchBtn.addEventListener('click', () => openPanel('search'));

    function makePanel() {
      // The panel: a modal dialog with tabs (outline, search, glossary, references, media).
      const dialog = el('dialog', { class: 'oqu-panel', 'aria-label': S.menu });
      const closeBtn = el('button', { type: 'button', class: 'oqu-tool oqu-panel-close', 'aria-label': S.close, title: S.close }, svgIcon(ICONS.close));
      closeBtn.addEventListener('click', () => dialog.close());
      const tablist = el('div', { class: 'oqu-tablist oqu-panel-tabs', role: 'tablist' });
      dialog.append(el('div', { class: 'oqu-panel-head' }, tablist, closeBtn));
      const panels = {};
      const tabs = [];
      const addPanel = (key, label) => {
        const panel = el('section', { class: 'oqu-panel-body', 'data-panel': key, role: 'tabpanel', tabindex: 0 });
        const tab = el('button', { type: 'button', class: 'oqu-tab', role: 'tab', text: label });
        tab.id = 'oqu-tab-' + key;
        panel.id = 'oqu-panel-' + key;
        tab.setAttribute('aria-controls', panel.id);
        panel.setAttribute('aria-labelledby', tab.id);
        tablist.appendChild(tab);
        dialog.appendChild(panel);
        panels[key] = panel;
        tabs.push({ key, tab, panel });
        return panel;
      };
      const selectTab = (key, focus) => {
        tabs.forEach((x) => {
          const on = x.key === key;
          x.tab.setAttribute('aria-selected', String(on));
          x.tab.tabIndex = on ? 0 : -1;
          x.panel.hidden = !on;
        });
        const cur = tabs.find((x) => x.key === key);
        if (focus && cur) cur.tab.focus();
      };
      tablist.addEventListener('click', (e) => {
        const x = tabs.find((y) => y.tab === e.target.closest('[role="tab"]'));
        if (x) selectTab(x.key, false);
      });
      tablist.addEventListener('keydown', (e) => {
        const k = tabs.findIndex((x) => x.tab === doc.activeElement);
        const to = { ArrowLeft: k - 1, ArrowRight: k + 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (k < 0 || to === undefined) return;
        e.preventDefault();
        selectTab(tabs[(to + tabs.length) % tabs.length].key, true);
      });

      // Outline: modules → units → slides; slides before the first unit (title, contents) first.
      const outline = addPanel('outline', S.outline);
      gotoInput = el('input', { type: 'number', min: 1, max: slides.length, inputmode: 'numeric', class: 'oqu-goto-input' });
      const gotoForm = el('form', { class: 'oqu-goto', novalidate: true },
        el('label', null, S.goto + ' ', gotoInput), el('span', { text: ' / ' + slides.length + ' ' }),
        el('button', { type: 'submit', class: 'oqu-button', text: S.go }));
      gotoForm.addEventListener('submit', (e) => {
        e.preventDefault();
        const n = parseInt(gotoInput.value, 10);
        if (n >= 1 && n <= slides.length) closeAndGo(n - 1);
        else gotoInput.setAttribute('aria-invalid', 'true');
      });
      outline.appendChild(gotoForm);
      slideLinks = [];
      const slideList = (list) => {
        const ol = el('ol', { class: 'oqu-outline-slides' });
        list.forEach((i) => {
          const title = (data.slides && data.slides[i] && data.slides[i].title) || titleOf(slides[i], i);
          const b = el('button', { type: 'button', class: 'oqu-outline-slide', 'data-slide': i },
            el('span', { class: 'oqu-outline-n', text: String(i + 1) }), el('span', { text: title }));
          slideLinks[i] = b;
          ol.appendChild(el('li', null, b));
        });
        return ol;
      };
      const unitOf = slides.map((s) => s.getAttribute('data-unit') || '');
      const tree = el('div', { class: 'oqu-outline' });
      const modules = Array.isArray(data.modules) ? data.modules : [];
      const placed = new Set();
      const front = slides.map((_, i) => i).filter((i) => !unitOf[i] || !modules.some((m) => (m.units || []).some((u) => u.id === unitOf[i])));
      if (front.length) { tree.appendChild(slideList(front)); front.forEach((i) => placed.add(i)); }
      modules.forEach((m) => {
        const mod = el('section', { class: 'oqu-outline-module' }, el('h3', { text: m.title || '' }));
        (m.units || []).forEach((u) => {
          const own = slides.map((_, i) => i).filter((i) => unitOf[i] === u.id && !placed.has(i));
          own.forEach((i) => placed.add(i));
          // a unit named as its module (a one-unit module) is not repeated under it (issue 17)
          if (own.length && (u.title || '').trim() !== (m.title || '').trim()) mod.append(el('h4', { text: u.title || '' }));
          if (own.length) mod.append(slideList(own));
        });
        tree.appendChild(mod);
      });
      outline.appendChild(tree);
      outline.addEventListener('click', (e) => {
        const b = e.target.closest('[data-slide]');
        if (b) closeAndGo(Number(b.getAttribute('data-slide')));
      });

      // Search: over the index built with the page; hits listed by slide, highlighted on arrival.
      const search = addPanel('search', S.search);
      const input = el('input', { type: 'search', class: 'oqu-search-input', 'aria-label': S.search, autocomplete: 'off' });
      const status = el('p', { class: 'oqu-search-status', role: 'status' });
      const hits = el('ol', { class: 'oqu-hits' });
      search.append(input, status, hits);
      const index = (Array.isArray(data.search) ? data.search : slides.map((s) => s.textContent))
        .map((text, i) => ({ slide: i, text: String(text || ''), folded: fold(String(text || '')) }));
      glossary.forEach((g) => {
        const text = g.term + ' — ' + g.definition;
        index.push({ term: g.id, text, folded: fold(text) });
      });
      let timer = 0;
      let lastTerms = [];
      input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
      function runSearch() {
        const terms = fold(input.value).split(/\s+/).filter((w) => w.length > 1);
        lastTerms = terms;
        hits.replaceChildren();
        if (!terms.length) { status.textContent = ''; return; }
        const found = index.filter((d) => terms.every((w) => d.folded.indexOf(w) >= 0));
        status.textContent = format(S.search_hits, { n: found.length });
        found.forEach((d) => {
          const at = d.folded.indexOf(terms[0]);
          const from = Math.max(0, at - 40);
          const snippet = el('span', { class: 'oqu-hit-text' },
            (from ? '…' : '') + d.text.slice(from, at), el('mark', { text: d.text.slice(at, at + terms[0].length) }),
            d.text.slice(at + terms[0].length, at + terms[0].length + 60) + '…');
          const label = d.term !== undefined ? S.glossary
            : S.slide + ' ' + (d.slide + 1) + '. ' + ((data.slides && data.slides[d.slide] && data.slides[d.slide].title) || '');
          const b = el('button', { type: 'button', class: 'oqu-hit', 'data-slide': d.slide, 'data-term': d.term },
            el('strong', { text: label }), snippet);
          hits.appendChild(el('li', null, b));
        });
      }
      hits.addEventListener('click', (e) => {
        const b = e.target.closest('.oqu-hit');
        if (!b) return;
        if (b.hasAttribute('data-term')) {
          open('glossary');
          const dt = doc.getElementById('oqu-g-' + b.getAttribute('data-term'));
          if (dt) { dt.scrollIntoView({ block: 'center' }); dt.focus(); }
          return;
        }
        closeAndGo(Number(b.getAttribute('data-slide')));
        highlight(slides[state.current], lastTerms);
      });

      // Glossary, references, media.
      if (glossary.length) {
        const dl = el('dl', { class: 'oqu-glossary' });
        glossary.forEach((g) => dl.append(el('dt', { id: 'oqu-g-' + g.id, tabindex: -1, text: g.term }), el('dd', { text: g.definition })));
        addPanel('glossary', S.glossary).appendChild(dl);
      }
      const refs = data.references || {};
      if ((refs.basic || []).length || (refs.additional || []).length) {
        const panel = addPanel('references', S.references);
        [['basic', S.references_basic], ['additional', S.references_additional]].forEach(([key, label]) => {
          if (!(refs[key] || []).length) return;
          const ol = el('ol', { class: 'oqu-references' });
          refs[key].forEach((r) => ol.appendChild(el('li', { text: r })));
          panel.append(el('h3', { text: label }), ol);
        });
      }
      const mediaEls = Array.from(root.querySelectorAll('.oqu-slide video, .oqu-slide audio, .oqu-slide .oqu-figure'))
        .filter((m) => !m.closest('.oqu-slide[data-kind="title"]'));
      if (mediaEls.length) {
        const panel = addPanel('media', S.media_list);
        const ol = el('ol', { class: 'oqu-media-list' });
        mediaEls.forEach((m, k) => {
          const s = slides.indexOf(m.closest('.oqu-slide'));
          const kind = m.tagName === 'VIDEO' ? S.video : m.tagName === 'AUDIO' ? S.audio : S.figure;
          const box = m.closest('.oqu-interaction');
          const cap = m.querySelector && m.querySelector('figcaption');
          const img = m.querySelector && m.querySelector('img');
          const label = (cap && cap.textContent) || (img && img.getAttribute('alt')) ||
            (box && (box.getAttribute('data-title') || '')) || (data.slides && data.slides[s] && data.slides[s].title) || '';
          idFor(m, 'oqu-m');
          ol.appendChild(el('li', null, el('button', { type: 'button', class: 'oqu-media-jump', 'data-media': m.id },
            el('strong', { text: kind + ' · ' + S.slide + ' ' + (s + 1) }), el('span', { text: label }))));
          m.setAttribute('data-media-n', k);
        });
        ol.addEventListener('click', (e) => {
          const b = e.target.closest('[data-media]');
          if (!b) return;
          const m = doc.getElementById(b.getAttribute('data-media'));
          closeAndGo(slides.indexOf(m.closest('.oqu-slide')));
          const item = m.closest('.oqu-item');
          if (item && shows.has(item) && !visible(m)) shows.get(item)();
          m.scrollIntoView({ block: 'center' });
          m.classList.add('oqu-flash');
          setTimeout(() => m.classList.remove('oqu-flash'), 1500);
        });
        panel.appendChild(ol);
      }
      root.appendChild(dialog);

      let opener = null;
      function open(key) {
        opener = doc.activeElement;
        selectTab(key, false);
        if (!dialog.open) dialog.showModal();
        if (key === 'search') input.focus();
        else if (key === 'outline' && slideLinks[state.current]) slideLinks[state.current].focus();
        else { const cur = tabs.find((x) => x.key === key); if (cur) cur.tab.focus(); }
      }
      // Closed by Esc or the close button, focus goes back where it was; a jump moves it instead.
      let jumping = false;
      dialog.addEventListener('close', () => { if (!jumping && opener && opener.focus) opener.focus(); jumping = false; });
      const closeAndGo = (i) => { jumping = true; dialog.close(); go(i, true); };
      dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); }); // backdrop
      update(state.current);
      return { open };
    }

    // Glossary terms in the text: the definition in place, in a small non-modal popover.
    const byId = {};
    glossary.forEach((g) => { byId[g.id] = g; });
    const pop = el('div', { class: 'oqu-popover', role: 'dialog', hidden: true, tabindex: -1 });
    const popTerm = el('strong', { class: 'oqu-popover-term' });
    popTerm.id = 'oqu-popover-term';
    pop.setAttribute('aria-labelledby', popTerm.id);
    const popDef = el('p');
    const popClose = el('button', { type: 'button', class: 'oqu-tool oqu-popover-close', 'aria-label': S.close, title: S.close }, svgIcon(ICONS.close));
    pop.append(popClose, popTerm, popDef);
    root.appendChild(pop);
    let popFrom = null;
    const closePop = (refocus) => {
      if (pop.hidden) return;
      pop.hidden = true;
      if (popFrom) popFrom.setAttribute('aria-expanded', 'false');
      if (refocus && popFrom) popFrom.focus();
    };
    popClose.addEventListener('click', () => closePop(true));
    pop.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closePop(true); } });
    root.querySelectorAll('a.oqu-term').forEach((a) => {
      a.setAttribute('aria-haspopup', 'dialog');
      a.setAttribute('aria-expanded', 'false');
    });
    root.addEventListener('click', (e) => {
      const a = e.target.closest && e.target.closest('a.oqu-term');
      if (!a) {
        if (!pop.hidden && !pop.contains(e.target)) closePop(false);
        return;
      }
      const id = a.getAttribute('data-term') || (a.getAttribute('href') || '').replace(/^#/, '');
      const g = byId[id];
      e.preventDefault();
      if (!g) { warn('no glossary entry for', id); return; }
      if (!pop.hidden && popFrom === a) { closePop(true); return; }
      closePop(false);
      popFrom = a;
      popTerm.textContent = g.term;
      popDef.textContent = g.definition;
      pop.hidden = false;
      a.setAttribute('aria-expanded', 'true');
      const r = a.getBoundingClientRect();
      const w = Math.min(352, window.innerWidth - 16);
      pop.style.setProperty('width', w + 'px');
      pop.style.setProperty('left', Math.max(8, Math.min(r.left, window.innerWidth - w - 8)) + 'px');
      const below = r.bottom + 8;
      pop.style.setProperty('top', (below + pop.offsetHeight > window.innerHeight && r.top > pop.offsetHeight + 8
        ? r.top - pop.offsetHeight - 8 : below) + 'px');
      pop.focus();
    });
    window.addEventListener('resize', () => closePop(false));

    function update(i) {
      const seen = state.visited.filter(Boolean).length;
      const pct = Math.round((seen / slides.length) * 100);
      progress.setAttribute('aria-valuenow', pct);
      progress.setAttribute('aria-valuetext', pct + '%');
      fill.style.setProperty('width', pct + '%');
      slideLinks.concat(sideLinks).forEach((b, k) => {
        k %= slides.length;
        if (!b) return;
        if (k === i) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
        b.classList.toggle('oqu-seen', Boolean(state.visited[k]));
      });
      if (side && sideLinks[i] && !side.hidden) {
        const cur = sideLinks[i];
        if (starting) afterLayout(cur, () => { if (state.current === i) cur.scrollIntoView({ block: 'nearest' }); });
        else cur.scrollIntoView({ block: 'nearest' });
      }
      if (gotoInput) {
        gotoInput.value = i + 1;
        gotoInput.removeAttribute('aria-invalid');
      }
      if (mail) {
        const title = (data.slides && data.slides[i] && data.slides[i].title) || '';
        const subject = (data.title || doc.title) + ' — ' + S.slide + ' ' + (i + 1) + (title ? ': ' + title : '');
        mail.setAttribute('href', 'mailto:' + data.contact + '?subject=' + encodeURIComponent(subject));
      }
      closePop(false);
    }
    if (nav) nav.setAttribute('data-ready', '');
    return { update, openPanel };
  }

  // Marks every occurrence of the search terms on a slide; opens what hides the first one.
  function highlight(slide, terms) {
    clearHits();
    if (!terms.length) return;
    const walker = doc.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach((node) => {
      if (node.parentElement.closest('script, style, button.oqu-tool')) return;
      const f = fold(node.nodeValue);
      const ranges = [];
      terms.forEach((w) => { let at = f.indexOf(w); while (at >= 0) { ranges.push([at, at + w.length]); at = f.indexOf(w, at + w.length); } });
      if (!ranges.length) return;
      ranges.sort((a, b) => b[0] - a[0]); // from the end, so offsets stay valid
      let last = Infinity;
      ranges.forEach(([a, z]) => {
        if (z > last) return;
        const tail = node.splitText(a);
        tail.splitText(z - a);
        const mark = el('mark', { class: 'oqu-hit-mark' });
        tail.replaceWith(mark);
        mark.appendChild(tail);
        last = a;
      });
    });
    const first = slide.querySelector('mark.oqu-hit-mark');
    if (!first) return;
    const item = first.closest('.oqu-item');
    if (item && !visible(first) && shows.has(item)) shows.get(item)();
    first.scrollIntoView({ block: 'center' });
  }

  function clearHits() {
    root.querySelectorAll('mark.oqu-hit-mark').forEach((m) => {
      const parent = m.parentNode;
      m.replaceWith(...m.childNodes);
      parent.normalize();
    });
  }

  /* ---------- navigation by keys, buttons, swipe, links ---------- */

  if (prevBtn) prevBtn.addEventListener('click', () => step(-1));
  if (nextBtn) nextBtn.addEventListener('click', () => step(1));

  doc.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target;
    if (target.closest && target.closest('input, textarea, select, dialog, video, audio, [contenteditable=""], [contenteditable="true"], [role="tablist"], [role="tree"], .oqu-popover')) return;
    const moves = { ArrowLeft: -1, PageUp: -1, ArrowRight: 1, PageDown: 1 };
    if (e.key in moves) step(moves[e.key]);
    else if (e.key === 'Home') go(0, true);
    else if (e.key === 'End') go(slides.length - 1, true);
    else return;
    e.preventDefault();
  });

  // Swipe with a finger or pen; a mouse drag selects text as usual.
  const main = root.querySelector('.oqu-slides') || root;
  let swipe = null;
  main.addEventListener('pointerdown', (e) => {
    const inScroller = e.target.closest && e.target.closest('pre, table, input, textarea, select, video, audio, [data-oqu-noswipe]');
    swipe = e.pointerType !== 'mouse' && e.isPrimary && !inScroller ? { x: e.clientX, y: e.clientY } : null;
  });
  main.addEventListener('pointercancel', () => { swipe = null; });
  main.addEventListener('pointerup', (e) => {
    if (!swipe) return;
    const dx = e.clientX - swipe.x;
    const dy = e.clientY - swipe.y;
    swipe = null;
    if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > 1.5 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
  });

  window.addEventListener('hashchange', () => {
    const i = slideIndexFor(hashId());
    if (i >= 0 && i !== state.current) go(i, true);
  });

  /* ---------- interactions: a kind -> setup table ---------- */

  function live(box) { // a polite status line for what changed inside an interaction
    const s = el('p', { class: 'oqu-status', role: 'status' });
    box.appendChild(s);
    return s;
  }

  // One item on show at a time, chosen by an indicator (steps, ring, timeline, pyramid levels,
  // or none for a gallery), with optional previous/next buttons and a "step n of N" status.
  function stepper(box, own, opt) {
    const n = own.length;
    const base = idFor(box, 'oqu-i');
    const status = el('p', { class: 'oqu-step-status', role: 'status' });
    let current = -1;
    let buttons = [];
    own.forEach((item, k) => { idFor(item, base + '-item'); item.setAttribute('data-step', k + 1); });
    if (opt.indicator) {
      const list = el('ol', { class: 'oqu-steps oqu-steps-' + opt.indicator, 'aria-label': box.getAttribute('data-title') || null });
      list.style.setProperty('--n', n);
      buttons = own.map((item, k) => {
        // The marker shows the number: an author's own "3. " or "3) " before the title is not
        // shown twice, and the button's name says it once ("3. Title", never "33. Title").
        const title = titleOf(item, k).replace(new RegExp('^\\s*' + (k + 1) + '\\s*[.)]\\s*'), '') || String(k + 1);
        const label = opt.label ? opt.label(title, k) : title;
        const b = el('button', { type: 'button', class: 'oqu-step', 'aria-controls': item.id },
          el('span', { class: 'oqu-step-n', text: String(k + 1), 'aria-hidden': 'true' }),
          el('span', { class: 'oqu-step-label' }, el('span', { class: 'oqu-sr', text: (k + 1) + '. ' }), label));
        const li = el('li', null, b);
        li.style.setProperty('--k', k);
        list.appendChild(li);
        b.addEventListener('click', () => select(k, true));
        link(item, b, () => select(k, false));
        return b;
      });
      box.insertBefore(list, own[0]);
    } else {
      own.forEach((item, k) => link(item, item, () => select(k, false)));
    }
    let prev = null;
    let next = null;
    if (opt.controls) {
      prev = el('button', { type: 'button', class: 'oqu-button oqu-step-prev', text: opt.prevLabel || S.prev_step });
      next = el('button', { type: 'button', class: 'oqu-button oqu-step-next', text: opt.nextLabel || S.next_step });
      prev.addEventListener('click', () => select(opt.wrap ? (current - 1 + n) % n : current - 1, true));
      next.addEventListener('click', () => select(opt.wrap ? (current + 1) % n : current + 1, true));
      box.appendChild(el('div', { class: 'oqu-step-controls' }, prev, status, next));
    } else {
      box.appendChild(status);
    }
    // ←/→ on the steps or their previous/next buttons move a step, not a slide; past the first
    // or the last step they fall through to the slide navigation (issue 17).
    box.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || !e.target.closest('.oqu-steps, .oqu-step-controls')) return;
      const to = { ArrowLeft: current - 1, ArrowRight: current + 1 }[e.key];
      if (to === undefined || (!opt.wrap && (to < 0 || to >= n))) return;
      e.preventDefault();
      select((to + n) % n, true);
      if (e.target.disabled || !e.target.closest('.oqu-step-controls')) (buttons[current] || (next && !next.disabled ? next : prev)).focus();
    });
    function select(k, byLearner) {
      if (k < 0 || k >= n) return;
      current = k;
      own.forEach((item, j) => { item.hidden = j !== k; });
      buttons.forEach((b, j) => { if (j === k) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current'); });
      if (prev) prev.disabled = !opt.wrap && k === 0;
      if (next) next.disabled = !opt.wrap && k === n - 1;
      status.textContent = format(opt.counter || S.step_of, { n: k + 1, total: n }) + (opt.indicator ? '' : '');
      if (byLearner) markOpened(own[k]);
    }
    if (opt.start === -1) {
      own.forEach((item) => { item.hidden = true; });
      status.textContent = '';
    } else {
      select(0, false);
    }
    box.classList.add('oqu-stepper');
  }

  const KINDS = {
    tabs(box, own) {
      const list = el('div', { class: 'oqu-tablist', role: 'tablist' });
      const tabs = own.map((item, k) => {
        const tab = el('button', { type: 'button', class: 'oqu-tab', role: 'tab', text: titleOf(item, k) });
        tab.id = idFor(box, 'oqu-i') + '-tab-' + k;
        tab.setAttribute('aria-controls', idFor(item, box.id + '-panel'));
        item.setAttribute('role', 'tabpanel');
        item.setAttribute('aria-labelledby', tab.id);
        item.tabIndex = 0;
        list.appendChild(tab);
        link(item, tab, () => select(k, false));
        return tab;
      });
      const select = (k, focus, byLearner) => {
        tabs.forEach((tab, j) => {
          const on = j === k;
          tab.setAttribute('aria-selected', String(on));
          tab.tabIndex = on ? 0 : -1;
          own[j].hidden = !on;
        });
        if (focus) tabs[k].focus();
        if (byLearner && !box.closest('.oqu-slide[hidden]')) markOpened(own[k]);
      };
      list.addEventListener('click', (e) => {
        const k = tabs.indexOf(e.target.closest('[role="tab"]'));
        if (k >= 0) select(k, false, true);
      });
      list.addEventListener('keydown', (e) => {
        const k = tabs.indexOf(doc.activeElement);
        const n = tabs.length;
        const to = { ArrowLeft: k - 1, ArrowUp: k - 1, ArrowRight: k + 1, ArrowDown: k + 1, Home: 0, End: n - 1 }[e.key];
        if (k < 0 || to === undefined) return;
        e.preventDefault();
        select((to + n) % n, true, true);
      });
      box.insertBefore(list, own[0]);
      box.classList.add('oqu-tabs');
      select(0, false, false);
    },

    accordion(box, own) { toggles(box, own, 'oqu-accordion'); },

    process(box, own) { stepper(box, own, { indicator: 'process', controls: true }); },

    cycle(box, own) { stepper(box, own, { indicator: 'ring', controls: true, wrap: true }); },

    timeline(box, own) {
      // "1959 — event": the date part labels the point on the line.
      stepper(box, own, { indicator: 'timeline', controls: true, label: (title) => title.split(/\s[—–-]\s|:\s/)[0] });
    },

    pyramid(box, own) { stepper(box, own, { indicator: 'pyramid', controls: false, start: -1 }); },

    gallery(box, own) {
      stepper(box, own, { indicator: null, controls: true, wrap: true, counter: S.slide_of, prevLabel: S.prev, nextLabel: S.next });
    },

    reveal(box, own) {
      const n = own.length;
      let shown = 0;
      const status = el('p', { class: 'oqu-step-status', role: 'status' });
      const next = el('button', { type: 'button', class: 'oqu-button oqu-reveal-next' });
      const again = el('button', { type: 'button', class: 'oqu-button oqu-reveal-restart', text: S.restart });
      const paint = () => {
        own.forEach((item, k) => { item.hidden = k >= shown; });
        next.textContent = S.next_step + ' (' + Math.min(shown + 1, n) + '/' + n + ')';
        next.hidden = shown >= n;
        again.hidden = shown < n;
        status.textContent = shown ? format(S.step_of, { n: shown, total: n }) + ': ' + titleOf(own[shown - 1], shown - 1) : '';
      };
      next.addEventListener('click', () => {
        if (shown >= n) return;
        const item = own[shown++];
        item.classList.add('oqu-appear');
        paint();
        markOpened(item);
        if (shown >= n) again.focus();
      });
      next.addEventListener('keydown', (e) => { if (e.key === 'ArrowRight' && !e.altKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); next.click(); } });
      again.addEventListener('click', () => { shown = 0; own.forEach((i) => i.classList.remove('oqu-appear')); paint(); next.focus(); });
      own.forEach((item, k) => link(item, item, () => { if (shown <= k) { shown = k + 1; paint(); } }));
      // On resume the steps already seen are shown again.
      while (shown < n && state.opened[items.indexOf(own[shown])]) shown++;
      box.appendChild(el('div', { class: 'oqu-step-controls' }, next, again, status));
      paint();
      box.classList.add('oqu-revealer');
    },

    flipcards(box, own) {
      own.forEach((item, k) => {
        const title = item.querySelector(':scope > .oqu-item-title') || item.insertBefore(el('h3', { class: 'oqu-item-title', text: String(k + 1) }), item.firstChild);
        const body = item.querySelector(':scope > .oqu-item-body');
        if (!body) return;
        const face = el('span', { class: 'oqu-card-face' });
        while (title.firstChild) face.appendChild(title.firstChild);
        const hint = el('span', { class: 'oqu-card-hint', text: S.flip });
        const b = el('button', { type: 'button', class: 'oqu-flip', 'aria-pressed': 'false' }, face, hint);
        title.appendChild(b);
        const said = el('span', { class: 'oqu-sr', 'aria-live': 'polite' });
        item.appendChild(said);
        body.hidden = true;
        const flip = (on) => {
          b.setAttribute('aria-pressed', String(on));
          body.hidden = !on;
          item.classList.toggle('oqu-flipped', on);
          said.textContent = on ? S.flipped : '';
          if (on) markOpened(item);
        };
        b.addEventListener('click', () => {
          item.classList.remove('oqu-turn');
          void item.offsetWidth; // restart the turn animation
          item.classList.add('oqu-turn');
          flip(b.getAttribute('aria-pressed') !== 'true');
        });
        link(item, b, () => flip(true));
      });
      box.classList.add('oqu-flipcards');
    },

    catalogue(box, own) {
      const dialog = el('dialog', { class: 'oqu-detail' });
      const head = el('h3', { class: 'oqu-detail-title' });
      head.id = idFor(box, 'oqu-i') + '-detail-title';
      dialog.setAttribute('aria-labelledby', head.id);
      const close = el('button', { type: 'button', class: 'oqu-tool oqu-detail-close', 'aria-label': S.close, title: S.close }, svgIcon(ICONS.close));
      const holder = el('div', { class: 'oqu-detail-body' });
      dialog.append(el('div', { class: 'oqu-detail-head' }, head, close), holder);
      close.addEventListener('click', () => dialog.close());
      dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
      let open = null;
      dialog.addEventListener('close', () => {
        if (!open) return;
        open.body.hidden = true;
        open.item.appendChild(open.body);
        const card = open.card;
        open = null;
        card.focus();
      });
      own.forEach((item, k) => {
        const body = item.querySelector(':scope > .oqu-item-body');
        if (!body) return;
        const title = titleOf(item, k);
        const img = body.querySelector('img');
        const pic = img ? el('img', { loading: 'lazy', decoding: 'async', src: img.getAttribute('src'), alt: '', class: 'oqu-card-pic' }) : null;
        const card = el('button', { type: 'button', class: 'oqu-card', 'aria-haspopup': 'dialog' }, pic, el('span', { class: 'oqu-card-title', text: title }));
        item.insertBefore(card, item.firstChild);
        body.hidden = true;
        const show = () => {
          if (open) dialog.close();
          head.textContent = title;
          holder.appendChild(body);
          body.hidden = false;
          open = { item, body, card };
          dialog.showModal();
          close.focus();
          markOpened(item);
        };
        card.addEventListener('click', show);
        link(item, card, null);
      });
      box.appendChild(dialog);
      box.classList.add('oqu-catalogue');
    },

    hotspots(box, own) { markers(box, own, false); },
    map(box, own) { markers(box, own, true); },

    hierarchy(box, own) {
      const base = idFor(box, 'oqu-i');
      const tree = el('ul', { class: 'oqu-tree', role: 'tree', 'aria-label': box.getAttribute('data-title') || titleOf(own[0], 0) });
      const nodes = [];
      const stack = [{ depth: -1, ul: tree, node: null }];
      own.forEach((item, k) => {
        idFor(item, base + '-node');
        const depth = Math.max(0, parseInt(item.getAttribute('data-depth'), 10) || 0);
        while (stack.length > 1 && stack[stack.length - 1].depth >= depth) stack.pop();
        const parent = stack[stack.length - 1];
        const label = el('span', { class: 'oqu-node', text: titleOf(item, k) });
        const li = el('li', { role: 'treeitem', 'aria-selected': 'false', tabindex: -1, 'aria-controls': item.id }, label);
        const node = { li, item, k, parent: parent.node, children: [], group: null };
        if (parent.node) parent.node.children.push(node);
        let ul = parent.ul;
        if (parent.node && !parent.node.group) {
          parent.node.group = el('ul', { role: 'group' });
          parent.node.li.appendChild(parent.node.group);
        }
        if (parent.node) ul = parent.node.group;
        ul.appendChild(li);
        nodes.push(node);
        stack.push({ depth, ul: null, node });
        link(item, li, () => { expandTo(node); select(node, false); });
      });
      nodes.forEach((node) => {
        if (!node.children.length) return;
        node.li.setAttribute('aria-expanded', String(!node.parent)); // the top level opens
        if (node.parent) node.group.hidden = true;
      });
      const shownNodes = () => nodes.filter((x) => visibleNode(x));
      function visibleNode(x) { for (let p = x.parent; p; p = p.parent) if (p.li.getAttribute('aria-expanded') !== 'true') return false; return true; }
      function expand(node, on) {
        if (!node.children.length) return;
        node.li.setAttribute('aria-expanded', String(on));
        node.group.hidden = !on;
      }
      function expandTo(node) { for (let p = node.parent; p; p = p.parent) expand(p, true); }
      let current = nodes[0];
      function focusNode(node) {
        nodes.forEach((x) => { x.li.tabIndex = x === node ? 0 : -1; });
        node.li.focus();
      }
      function select(node, byLearner) {
        current = node;
        nodes.forEach((x) => {
          x.li.setAttribute('aria-selected', String(x === node));
          x.li.tabIndex = x === node ? 0 : -1;
          x.item.hidden = x !== node;
        });
        if (byLearner) markOpened(node.item);
      }
      tree.addEventListener('click', (e) => {
        const li = e.target.closest('[role="treeitem"]');
        const node = nodes.find((x) => x.li === li);
        if (!node) return;
        if (node.children.length && e.target.closest('.oqu-node')) expand(node, node.li.getAttribute('aria-expanded') !== 'true' || current !== node);
        select(node, true);
        focusNode(node);
      });
      tree.addEventListener('keydown', (e) => {
        const node = nodes.find((x) => x.li === doc.activeElement) || current;
        const list = shownNodes();
        const at = list.indexOf(node);
        let to = null;
        switch (e.key) {
          case 'ArrowDown': to = list[at + 1]; break;
          case 'ArrowUp': to = list[at - 1]; break;
          case 'Home': to = list[0]; break;
          case 'End': to = list[list.length - 1]; break;
          case 'ArrowRight':
            if (node.children.length && node.li.getAttribute('aria-expanded') !== 'true') expand(node, true);
            else if (node.children.length) to = node.children[0];
            break;
          case 'ArrowLeft':
            if (node.children.length && node.li.getAttribute('aria-expanded') === 'true') expand(node, false);
            else if (node.parent) to = node.parent;
            break;
          case 'Enter': case ' ': select(node, true); break;
          default: return;
        }
        e.preventDefault();
        if (to) focusNode(to);
      });
      box.insertBefore(el('div', { class: 'oqu-tree-wrap' }, tree), own[0]);
      box.classList.add('oqu-hierarchy');
      select(nodes[0], false);
    },

    video(box) { mediaBox(box); },
    audio(box) { mediaBox(box); },
  };

  // Accordion: the title becomes a disclosure button.
  function toggles(box, own, cls) {
    own.forEach((item) => {
      const title = item.querySelector(':scope > .oqu-item-title');
      const body = item.querySelector(':scope > .oqu-item-body');
      if (!title || !body) return;
      const button = el('button', { type: 'button', class: 'oqu-toggle', 'aria-expanded': 'false',
        'aria-controls': idFor(body, idFor(box, 'oqu-i') + '-body') });
      while (title.firstChild) button.appendChild(title.firstChild);
      title.appendChild(button);
      body.hidden = true;
      const toggle = (open) => {
        button.setAttribute('aria-expanded', String(open));
        body.hidden = !open;
        if (open) markOpened(item);
      };
      button.addEventListener('click', () => toggle(button.getAttribute('aria-expanded') !== 'true'));
      link(item, button, () => toggle(true));
    });
    box.classList.add(cls);
  }

  // The zoom dialog (a phone): what it shows enlarged, one finger pans it; Esc, the back button
  // or a tap closes it.
  let zoom = null;
  function showZoom(content) {
    if (!zoom) {
      zoom = el('dialog', { class: 'oqu-zoom', 'aria-label': S.zoom });
      zoom.addEventListener('click', () => zoom.close());
      zoom.addEventListener('close', () => { if (history.state && history.state.oquZoom) history.back(); });
      window.addEventListener('popstate', () => { if (zoom.open) zoom.close(); });
      root.appendChild(zoom);
    }
    zoom.replaceChildren(el('button', { type: 'button', class: 'oqu-tool oqu-zoom-close', 'aria-label': S.close }, svgIcon(ICONS.close)), content);
    zoom.showModal();
    try { history.pushState({ oquZoom: 1 }, ''); } catch (err) { /* a sandboxed frame */ }
  }

  // A map's or hotspots' picture enlarged with its markers: as large as the picture was drawn,
  // at most three phone widths (labels a few pixels tall on the slide become readable); a
  // marker there closes the dialog and opens its text on the slide.
  function enlarged(stage, buttons) {
    const img = stage.querySelector('img');
    const copy = el('div', { class: 'oqu-stage oqu-zoom-stage' }, el('img', { src: img.currentSrc || img.src, alt: img.alt }));
    buttons.forEach((b) => {
      if (b.parentNode !== stage) return; // a marker without a place is in the strip
      const c = el('button', { type: 'button', class: b.className, 'aria-label': b.title }, el('span', { text: b.firstChild.textContent }));
      c.style.setProperty('left', b.style.left);
      c.style.setProperty('top', b.style.top);
      c.addEventListener('click', () => {
        zoom.close();
        if (b.getAttribute('aria-expanded') !== 'true') b.click();
        b.focus({ preventScroll: true });
      });
      copy.appendChild(c);
    });
    const wide = Math.min(img.naturalWidth || 0, 3 * window.innerWidth);
    copy.style.setProperty('width', Math.max(wide, window.innerWidth) + 'px');
    return copy;
  }

  // Hotspots and map: markers over the picture, each a button opening its item below it (text
  // is never laid over the image, 10.1.3).
  function markers(box, own, pins) {
    const img = box.querySelector(':scope > .oqu-base img');
    if (!img) {
      warn('no base picture for the ' + (pins ? 'map' : 'hotspots') + ' interaction', box.id);
      placeholder(box, S.missing);
      stepper(box, own, { indicator: 'process', controls: false, start: -1 });
      return;
    }
    const stage = el('div', { class: 'oqu-stage' });
    img.replaceWith(stage);
    stage.appendChild(img);
    const strip = el('div', { class: 'oqu-marker-strip' });
    const buttons = [];
    const show = (k, byLearner) => {
      own.forEach((item, j) => { item.hidden = j !== k; });
      buttons.forEach((b, j) => b.setAttribute('aria-expanded', String(j === k)));
      if (k >= 0 && byLearner) markOpened(own[k]);
    };
    own.forEach((item, k) => {
      idFor(item, idFor(box, 'oqu-i') + '-spot');
      const x = parseFloat(item.getAttribute('data-x'));
      const y = parseFloat(item.getAttribute('data-y'));
      const b = el('button', { type: 'button', class: 'oqu-marker' + (pins ? ' oqu-pin' : ''), 'aria-expanded': 'false',
        'aria-controls': item.id, title: titleOf(item, k) },
      el('span', { text: String(k + 1) }), el('span', { class: 'oqu-sr', text: ' ' + titleOf(item, k) }));
      if (isFinite(x) && isFinite(y)) {
        b.style.setProperty('left', Math.max(0, Math.min(100, x)) + '%');
        b.style.setProperty('top', Math.max(0, Math.min(100, y)) + '%');
        stage.appendChild(b);
      } else {
        warn('marker without x/y', item.id);
        strip.appendChild(b);
      }
      item.insertBefore(el('span', { class: 'oqu-marker-n', 'aria-hidden': 'true', text: String(k + 1) }), item.firstChild);
      // Opened, the text (below the picture on a phone) is scrolled into the room the bars
      // leave (its scroll-margin, oqu.css); one in view already stays where it is. Again when
      // a picture in it arrives (lazy, it had no height yet).
      const into = () => { if (!item.hidden) item.scrollIntoView({ block: 'nearest', inline: 'nearest' }); };
      b.addEventListener('click', () => {
        const open = b.getAttribute('aria-expanded') !== 'true';
        show(open ? k : -1, true);
        if (!open) return;
        into();
        item.querySelectorAll('img').forEach((im) => { if (!im.complete) im.addEventListener('load', into, { once: true }); });
      });
      buttons.push(b);
      link(item, b, () => show(k, false));
    });
    if (strip.children.length) stage.after(strip);
    const enlarge = el('button', { type: 'button', class: 'oqu-tool oqu-enlarge', 'aria-label': S.zoom, title: S.zoom }, svgIcon(ICONS.search));
    enlarge.addEventListener('click', () => showZoom(enlarged(stage, buttons)));
    stage.after(enlarge);
    show(-1, false);
    box.classList.add('oqu-markers');
  }

  /* ---------- media: captions, transcripts, failures ---------- */

  function mediaBox(box) {
    const media = box.querySelector('video, audio');
    if (!media || !media.getAttribute('src')) { placeholder(box, S.media_error); warn('media without a file', box.id); return; }
    const tracks = (data.captions || {})[box.id] || [];
    tracks.forEach((tr, k) => {
      try {
        const track = media.addTextTrack(tr.kind || 'captions', tr.label || tr.lang, tr.lang || '');
        (tr.cues || []).forEach((c) => track.addCue(new VTTCue(c[0], c[1], c[2])));
        track.mode = k === 0 && media.tagName === 'VIDEO' ? 'showing' : 'hidden';
      } catch (e) { warn('captions could not be added', e); }
    });
    const cues = Array.from(box.querySelectorAll('.oqu-cue'));
    cues.forEach((b) => b.addEventListener('click', () => {
      media.currentTime = parseFloat(b.getAttribute('data-t')) || 0;
      media.focus();
    }));
    if (cues.length) {
      media.addEventListener('timeupdate', () => {
        let on = -1;
        cues.forEach((b, k) => { if (parseFloat(b.getAttribute('data-t')) <= media.currentTime) on = k; });
        cues.forEach((b, k) => { if (k === on) b.parentElement.setAttribute('aria-current', 'true'); else b.parentElement.removeAttribute('aria-current'); });
      });
    }
    const opened = () => markOpened(box);
    media.addEventListener('play', opened);
    const details = box.querySelector('details.oqu-transcript');
    if (details) {
      details.addEventListener('toggle', () => { if (details.open) opened(); });
      details.querySelector('summary').addEventListener('click', () => { if (!details.open) opened(); });
    }
  }

  function placeholder(near, text) {
    const p = el('p', { class: 'oqu-placeholder', role: 'note', text });
    if (near.classList.contains('oqu-interaction')) near.appendChild(p);
    else near.after(p);
    return p;
  }

  function broken(media) {
    if (media.classList.contains('oqu-broken')) return;
    media.classList.add('oqu-broken');
    const src = media.getAttribute('src') || '';
    warn('could not load ' + src);
    const label = media.getAttribute('alt') || src.split('/').pop();
    const figure = media.closest('figure') || media;
    const stage = media.closest('.oqu-stage');
    media.hidden = true;
    const p = el('span', { class: 'oqu-placeholder', role: 'img', 'aria-label': S.media_error + ': ' + label },
      el('span', { 'aria-hidden': 'true', text: S.media_error + ': ' + label }));
    if (stage) stage.appendChild(p); else if (figure === media) media.after(p); else figure.insertBefore(p, figure.firstChild);
  }

  // Errors do not bubble: catch them on the way down. <source> errors reach their media element.
  root.addEventListener('error', (e) => {
    const target = e.target;
    if (!target || !target.tagName) return;
    const tag = target.tagName;
    if (tag === 'IMG' && !target.classList.contains('oqu-card-pic')) broken(target);
    else if (tag === 'IMG') target.hidden = true;
    else if (tag === 'VIDEO' || tag === 'AUDIO') broken(target);
    else if (tag === 'SOURCE' && target.parentElement) broken(target.parentElement);
  }, true);

  /* ---------- public surface for tests and for the modules built on this one ---------- */

  function refresh() { checkComplete(); chrome.update(state.current); scheduleCommit(); }

  const api = Object.freeze({
    go: (i) => go(i, true),
    slide: () => state.current,
    visited: () => state.visited.slice(),
    opened: () => items.filter((_, k) => state.opened[k]).map((x) => x.closest('.oqu-interaction').id),
    lms: () => (lms ? (lms.t === SCORM.scorm12 ? 'scorm12' : 'scorm2004') : null),
    completed: () => state.completed,
    search: (q) => { chrome.openPanel('search'); const i = root.querySelector('.oqu-search-input'); i.value = q; i.dispatchEvent(new Event('input')); },
    // A completion rule, selectable by name in der.yaml's `completion`; fn(view) -> boolean,
    // view = {visited, opened, test}. Re-evaluated at once and after every change.
    registerCompletion(name, fn) {
      if (typeof fn !== 'function') throw new TypeError('registerCompletion: fn must be a function');
      COMPLETION[String(name)] = (st) => fn({ visited: st.visited.slice(), opened: st.opened.slice(), test: st.test });
      refresh();
    },
    // The final test's result: passed, and score as a fraction 0..1 (or null). Saved, reported
    // to the LMS (1.2: lesson_status passed/failed + score.raw; 2004: success_status + score).
    // A retake never lowers what was achieved: the better result is kept and reported.
    reportTest(passed, score) {
      state.test = better(state.test, { passed: Boolean(passed), score: typeof score === 'number' && isFinite(score) ? score : null });
      refresh();
      commitNow();
    },
    // The best test result known (saved or held by the LMS): {passed, score 0..1|null} or null.
    result: () => (state.test ? { passed: state.test.passed, score: state.test.score } : null),
    // cmi.entry as the LMS gave it at start ('ab-initio', 'resume' or ''); '' without an LMS.
    entry: () => entry,
    // The score the LMS held at start (0..1), with or without a status word; null if none.
    heldScore: () => heldScore,
    // Compact state of another module inside suspend_data: save() -> JSON value, restore(value).
    registerState(name, handlers) {
      const key = String(name);
      if (!handlers || typeof handlers.save !== 'function') throw new TypeError('registerState: save() is required');
      stateModules[key] = handlers;
      if (key in state.ext && typeof handlers.restore === 'function') {
        try { handlers.restore(state.ext[key]); } catch (e) { warn('state module "' + key + '" failed to restore', e); }
      }
    },
    changed: () => scheduleCommit(), // a module's state changed: save (commit is throttled)
    // cmi.interactions (the quiz player): how many records the LMS holds, and one record written
    // at index n (≤ that count) from [[element, value]] pairs relative to cmi.interactions.n.
    // The names are the same in SCORM 1.2 and 2004. Without an LMS: 0 and false.
    interactionCount() {
      if (!lms || !lms.alive) return 0;
      const n = parseInt(get('cmi.interactions._count'), 10);
      return isFinite(n) && n >= 0 ? n : 0;
    },
    // Only elements whose value changed are written; false if the LMS refused one.
    recordInteraction(n, pairs) {
      if (!lms || !lms.alive) return false;
      let ok = true;
      (pairs || []).forEach((p) => {
        const name = 'cmi.interactions.' + n + '.' + p[0];
        if (sent[name] === String(p[1])) return;
        sent[name] = String(p[1]);
        if (!isTrue(set(name, p[1]))) ok = false;
      });
      scheduleCommit();
      return ok;
    },
    // suspend_data's limit for this LMS (4,096 characters in SCORM 1.2), 0 without an LMS.
    suspendMax: () => (t ? t.suspendMax : 0),
    strings: S,
  });

  /* ---------- start ---------- */

  doc.documentElement.classList.add('oqu-js');
  const saved = resume();
  boxes.forEach((box) => {
    const kind = box.getAttribute('data-kind');
    const setup = KINDS[kind];
    const own = ownItems(box);
    if (kind !== 'video' && kind !== 'audio' && !own.length) {
      warn('an interaction without items', box.id);
      placeholder(box, S.missing);
      return;
    }
    if (!setup) return;
    try { setup(box, own); } catch (e) { warn('could not set up ' + kind, e); }
  });
  items.forEach((item, k) => { if (state.opened[k]) paintSeen(item); });
  // What failed before this script ran (its error event had no listener yet) is found here.
  root.querySelectorAll('img').forEach((img) => { if (img.complete && img.getAttribute('src') && !img.naturalWidth) broken(img); });
  root.querySelectorAll('video, audio').forEach((m) => { if (m.error) broken(m); });

  // Quizzes are the assessment module's; until it takes over, a submit never reloads the package.
  root.querySelectorAll('form.oqu-quiz').forEach((f) => f.addEventListener('submit', (e) => e.preventDefault()));

  const fromHash = slideIndexFor(hashId());
  const fromSaved = slideIndexFor(saved);
  state.current = -1;
  ready = true;
  go(fromHash >= 0 ? fromHash : Math.max(0, fromSaved), false); // commits at once: lastCommit is 0
  starting = false;

  // A frame taller than the window holding it (Moodle's "new window": a 500 px popup with a
  // 666 px frame) scrolls the whole player, top bar and all, out of view; the bar and the
  // navigation are sticky only inside the frame. Fit the frame to the window when the LMS's
  // page lets us (same origin), and again when that window is resized.
  function fitFrame() {
    let frame = null;
    let host = null;
    try { frame = window.frameElement; host = window.parent; } catch (e) { return; } // cross-origin
    if (!frame || !host || host === window) return;
    try {
      const top = frame.getBoundingClientRect().top + (host.scrollY || 0);
      const room = Math.floor(host.innerHeight - top);
      if (room >= 240 && frame.getBoundingClientRect().height > room + 1) {
        frame.style.setProperty('height', room + 'px');
        frame.style.setProperty('max-height', room + 'px');
      }
    } catch (e) { warn('could not fit the frame', e); }
  }
  fitFrame();
  try { window.parent.addEventListener('resize', fitFrame); } catch (e) { /* cross-origin */ }

  // On a phone (the reading view, as the stylesheet's stage query) a picture or diagram the
  // build marked `oqu-zoomable` (not one under a map's or a question's markers) opens enlarged on
  // a tap: a dialog with the picture at full width (pinch-zoom as on the page);
  // Esc, the back button or a tap closes it.
  const phone = window.matchMedia('(max-width: 600px)');
  root.addEventListener('click', (e) => {
    const img = e.target.closest && e.target.closest('.oqu-slide img.oqu-zoomable');
    if (!img || !phone.matches || img.closest('button, a')) return;
    showZoom(el('img', { src: img.currentSrc || img.src, alt: img.alt }));
  });

  // Printing shows every slide and item (the stylesheet); transcripts open too.
  window.addEventListener('beforeprint', () => root.querySelectorAll('details').forEach((d) => { d.open = true; }));
  doc.addEventListener('visibilitychange', () => { if (doc.visibilityState === 'hidden') commitNow(); });
  window.addEventListener('pagehide', finish);

  window.Oqu = api;
  // Modules that loaded first queue themselves: window.OquModules = [function (Oqu) {…}].
  (Array.isArray(window.OquModules) ? window.OquModules : []).forEach((fn) => {
    try { fn(api); } catch (e) { warn('module failed', e); }
  });
})();
