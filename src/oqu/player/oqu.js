/* Oqu player: one slide at a time, progress saved to the LMS (SCORM 1.2 / 2004) or localStorage.
 * Reads the page the builder wrote (see the HTML contract in docs) and never fetches anything.
 * Without this script every slide stays visible, stacked, so the page still reads. */
(function () {
  'use strict';

  // SCORM run-time names, one table per version. Nothing below spells a cmi.* name itself.
  const SCORM = {
    scorm12: {
      api: 'API',
      init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue',
      commit: 'LMSCommit', lastError: 'LMSGetLastError',
      location: 'cmi.core.lesson_location', suspendData: 'cmi.suspend_data',
      status: 'cmi.core.lesson_status', progress: null,
      sessionTime: 'cmi.core.session_time', exit: 'cmi.core.exit', learner: 'cmi.core.student_id',
      done: ['completed', 'passed', 'failed'], incomplete: 'incomplete', completed: 'completed',
      exitSuspend: 'suspend', exitNormal: '',
      alreadyInitialized: '101', suspendMax: 4096, locationMax: 255, time: hms,
    },
    scorm2004: {
      api: 'API_1484_11',
      init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue',
      commit: 'Commit', lastError: 'GetLastError',
      location: 'cmi.location', suspendData: 'cmi.suspend_data',
      status: 'cmi.completion_status', progress: 'cmi.progress_measure',
      sessionTime: 'cmi.session_time', exit: 'cmi.exit', learner: 'cmi.learner_id',
      done: ['completed'], incomplete: 'incomplete', completed: 'completed',
      exitSuspend: 'suspend', exitNormal: 'normal',
      alreadyInitialized: '103', suspendMax: 64000, locationMax: 1000, time: iso,
    },
  };
  // When is the DER complete? Keyed by "completion" in oqu-data (der.yaml's `completion`).
  const COMPLETION = {
    slides: (st) => st.visited.every(Boolean),
    interactions: (st) => st.visited.every(Boolean) && st.opened.every(Boolean),
    test: () => false, // the final test arrives with the quiz player
  };
  const STATE_VERSION = 1;
  const COMMIT_INTERVAL = 2000; // ms: at most one throttled commit per interval
  const SWIPE_MIN = 50; // px

  const doc = document;
  const root = doc.getElementById('oqu');
  if (!root) return;
  const slides = Array.from(root.querySelectorAll('.oqu-slide'));
  if (!slides.length) return;
  const data = readData();
  const strings = Object.assign({ slide_of: '{n} / {total}' }, data.strings);
  const pkg = data.package || doc.documentElement.getAttribute('data-oqu-package') || 'web';
  const counter = root.querySelector('.oqu-counter');
  const prevBtn = root.querySelector('.oqu-prev');
  const nextBtn = root.querySelector('.oqu-next');
  // Every item of every interaction, in page order: the index is its bit in the saved state.
  const items = Array.from(root.querySelectorAll('.oqu-interaction > .oqu-item'));

  const state = { current: 0, visited: new Array(slides.length).fill(false),
    opened: new Array(items.length).fill(false), completed: false };
  // The saved bitsets are positional; this fingerprint drops them when the content changed.
  const fingerprint = hash(slides.map((s) => s.id).join() + '|' + items.length);

  /* ---------- helpers ---------- */

  function readData() {
    try {
      const el = doc.getElementById('oqu-data');
      return (el && JSON.parse(el.textContent)) || {};
    } catch (e) {
      return {};
    }
  }

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

  function encodeState(withItems) {
    const o = { v: STATE_VERSION, f: fingerprint, s: toHex(state.visited) };
    if (withItems) o.o = toHex(state.opened);
    if (state.completed) o.c = 1;
    return JSON.stringify(o);
  }

  function decodeState(text) {
    let o;
    try { o = JSON.parse(text); } catch (e) { return; }
    if (!o || o.v !== STATE_VERSION || o.f !== fingerprint) return;
    fromHex(String(o.s || ''), state.visited);
    fromHex(String(o.o || ''), state.opened);
    if (o.c) state.completed = true;
  }

  /* ---------- storage: the LMS when there is one, localStorage always ---------- */

  function findApi(name) {
    const look = (start) => {
      let win = start;
      for (let i = 0; win && i <= 10; i++) {
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
            if (r === false || r === 'false') warn(method, args[0]);
            return r;
          } catch (e) {
            warn(method, args[0], e);
            return null;
          }
        },
      };
      if (isTrue(lms.call(t.init, '')) || String(lms.call(t.lastError)) === t.alreadyInitialized) return lms;
    }
    return null;
  }

  function isTrue(r) { return r === true || r === 'true'; }

  function warn(method, element, error) {
    if (window.console) console.warn('oqu: LMS ' + method + '(' + (element || '') + ') failed', error || '');
  }

  const started = Date.now();
  const lms = connect();
  const t = lms ? lms.t : null;
  const get = (el) => { const v = lms.call(t.get, el); return v == null ? '' : String(v); };
  const set = (el, v) => lms.call(t.set, el, String(v));
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
      localStorage.setItem(storeKey, JSON.stringify({ loc: slides[state.current].id, s: encodeState(true) }));
    } catch (e) { /* private mode, file:// quirks, quota: the LMS or nothing */ }
  }

  // Where to start: the LMS's copy if it has one, else this browser's copy.
  function resume() {
    let loc = '';
    let saved = '';
    if (lms) {
      loc = get(t.location);
      saved = get(t.suspendData);
      if (t.done.indexOf(get(t.status)) >= 0) state.completed = true;
    }
    if (!loc && !saved) {
      const local = readLocal();
      if (local) { loc = String(local.loc || ''); saved = String(local.s || ''); }
    }
    if (saved) decodeState(saved);
    return loc;
  }

  let lastCommit = 0;
  let commitTimer = 0;
  let statusSent = '';

  function save() {
    writeLocal();
    if (!lms || !lms.alive) return;
    set(t.location, slides[state.current].id.slice(0, t.locationMax));
    let suspend = encodeState(true);
    if (suspend.length > t.suspendMax) suspend = encodeState(false);
    if (suspend.length <= t.suspendMax) set(t.suspendData, suspend);
    const status = state.completed ? t.completed : t.incomplete;
    const lmsStatus = statusSent || get(t.status);
    if (status !== lmsStatus && t.done.indexOf(lmsStatus) < 0) set(t.status, status);
    statusSent = status;
    if (t.progress) set(t.progress, (state.visited.filter(Boolean).length / slides.length).toFixed(4));
    set(t.exit, state.completed ? t.exitNormal : t.exitSuspend);
    set(t.sessionTime, t.time(Date.now() - started));
  }

  function commitNow() {
    clearTimeout(commitTimer);
    commitTimer = 0;
    save();
    if (lms && lms.alive) lms.call(t.commit, '');
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

  /* ---------- slides ---------- */

  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ''; } // "#%E0"
  }

  function slideIndexFor(id) {
    if (!id) return -1;
    const el = doc.getElementById(id);
    const slide = el && el.closest('.oqu-slide');
    return slide ? slides.indexOf(slide) : -1;
  }

  function go(index, focus) {
    const i = Math.max(0, Math.min(slides.length - 1, index));
    const changed = i !== state.current;
    state.current = i;
    slides.forEach((s, k) => { s.hidden = k !== i; });
    const slide = slides[i];
    if (counter) counter.textContent = format(strings.slide_of, { n: i + 1, total: slides.length });
    if (prevBtn) prevBtn.disabled = i === 0;
    if (nextBtn) nextBtn.disabled = i === slides.length - 1;
    if (slideIndexFor(hashId()) !== i) {
      try { history.replaceState(history.state, '', '#' + slide.id); } catch (e) { location.replace('#' + slide.id); }
    }
    state.visited[i] = true;
    // What the learner sees counts as opened: plain cards, and the tab on show.
    slide.querySelectorAll('.oqu-interaction:not(.oqu-accordion):not(.oqu-tabs) > .oqu-item, .oqu-tabs > .oqu-item:not([hidden])')
      .forEach((item) => markOpened(item, true));
    if (!state.completed && isComplete(state)) state.completed = true;
    if (focus) {
      const title = slide.querySelector('.oqu-slide-title') || slide;
      title.setAttribute('tabindex', '-1');
      title.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    if (changed) {
      root.dispatchEvent(new CustomEvent('oqu:slide', { detail: { index: i, id: slide.id } }));
    }
    scheduleCommit();
  }

  function isComplete(st) { return (COMPLETION[data.completion] || COMPLETION.slides)(st); }

  const step = (d) => go(state.current + d, true);

  if (prevBtn) prevBtn.addEventListener('click', () => step(-1));
  if (nextBtn) nextBtn.addEventListener('click', () => step(1));

  doc.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="tablist"]')) return;
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
    const inScroller = e.target.closest && e.target.closest('pre, table, input, textarea, select, [data-oqu-noswipe]');
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

  /* ---------- interactions: a kind -> setup table; kinds not listed stay as plain cards ---------- */

  let ready = false; // setting up interactions opens nothing; only the learner does
  function markOpened(item, quiet) {
    const k = items.indexOf(item);
    if (!ready || k < 0 || state.opened[k]) return;
    state.opened[k] = true;
    if (quiet) return;
    if (!state.completed && isComplete(state)) state.completed = true;
    scheduleCommit();
  }

  let uid = 0;
  function idFor(el, prefix) {
    if (!el.id) el.id = prefix + '-' + (++uid);
    return el.id;
  }

  const KINDS = {
    tabs(box, own) {
      const list = doc.createElement('div');
      list.className = 'oqu-tablist';
      list.setAttribute('role', 'tablist');
      const tabs = own.map((item, k) => {
        const title = item.querySelector('.oqu-item-title');
        const tab = doc.createElement('button');
        tab.type = 'button';
        tab.className = 'oqu-tab';
        tab.setAttribute('role', 'tab');
        tab.id = idFor(box, 'oqu-i') + '-tab-' + k;
        tab.setAttribute('aria-controls', idFor(item, box.id + '-panel'));
        tab.textContent = title ? title.textContent : String(k + 1);
        item.setAttribute('role', 'tabpanel');
        item.setAttribute('aria-labelledby', tab.id);
        item.tabIndex = 0;
        list.appendChild(tab);
        return tab;
      });
      const select = (k, focus) => {
        tabs.forEach((tab, j) => {
          const on = j === k;
          tab.setAttribute('aria-selected', String(on));
          tab.tabIndex = on ? 0 : -1;
          own[j].hidden = !on;
        });
        if (focus) tabs[k].focus();
        if (!box.closest('.oqu-slide[hidden]')) markOpened(own[k]);
      };
      list.addEventListener('click', (e) => {
        const k = tabs.indexOf(e.target.closest('[role="tab"]'));
        if (k >= 0) select(k, false);
      });
      list.addEventListener('keydown', (e) => {
        const k = tabs.indexOf(doc.activeElement);
        const n = tabs.length;
        const to = { ArrowLeft: k - 1, ArrowUp: k - 1, ArrowRight: k + 1, ArrowDown: k + 1, Home: 0, End: n - 1 }[e.key];
        if (k < 0 || to === undefined) return;
        e.preventDefault();
        select((to + n) % n, true);
      });
      box.insertBefore(list, own[0]);
      box.classList.add('oqu-tabs');
      select(0, false);
    },

    accordion(box, own) {
      own.forEach((item) => {
        const title = item.querySelector('.oqu-item-title');
        const body = item.querySelector('.oqu-item-body');
        if (!title || !body) return;
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'oqu-toggle';
        button.setAttribute('aria-expanded', 'false');
        button.setAttribute('aria-controls', idFor(body, idFor(box, 'oqu-i') + '-body'));
        while (title.firstChild) button.appendChild(title.firstChild);
        title.appendChild(button);
        body.hidden = true;
        button.addEventListener('click', () => {
          const open = button.getAttribute('aria-expanded') !== 'true';
          button.setAttribute('aria-expanded', String(open));
          body.hidden = !open;
          if (open) markOpened(item);
        });
      });
      box.classList.add('oqu-accordion');
    },
  };

  root.querySelectorAll('.oqu-interaction').forEach((box) => {
    const setup = KINDS[box.getAttribute('data-kind')];
    const own = Array.from(box.children).filter((c) => c.classList.contains('oqu-item'));
    if (setup && own.length) setup(box, own);
  });

  // Quizzes are a later issue; until then a submit must never reload the package.
  root.querySelectorAll('form.oqu-quiz').forEach((f) => f.addEventListener('submit', (e) => e.preventDefault()));

  /* ---------- start ---------- */

  doc.documentElement.classList.add('oqu-js');
  const saved = resume();
  const fromHash = slideIndexFor(hashId());
  const fromSaved = slideIndexFor(saved);
  state.current = -1;
  ready = true;
  go(fromHash >= 0 ? fromHash : Math.max(0, fromSaved), false); // commits at once: lastCommit is 0

  doc.addEventListener('visibilitychange', () => { if (doc.visibilityState === 'hidden') commitNow(); });
  window.addEventListener('pagehide', finish);

  // A small surface for tests and for the full player built on this one.
  window.Oqu = Object.freeze({
    go: (i) => go(i, true),
    slide: () => state.current,
    visited: () => state.visited.slice(),
    opened: () => items.filter((_, k) => state.opened[k]).map((el) => el.closest('.oqu-interaction').id),
    lms: () => (lms ? (lms.t === SCORM.scorm12 ? 'scorm12' : 'scorm2004') : null),
  });
})();
