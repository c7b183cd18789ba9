/* Oqu review: the preview LMS a package meets on the portal's review page.
 *
 * Not a portal page's script. The play view serves it inside the sandboxed player frame as
 * /play/<token>/__oqu__/lms.js, right after the vendored scorm-again (src/oqu/smoke/, one
 * file), and every HTML document of the package loads it first: the view puts the tag at the
 * start of its <head> (oqu/portal/lms_preview.py). It provides window.API (SCORM 1.2) and/or
 * window.API_1484_11 (2004) — the edition named in data-oqu-scorm, both when none is named —
 * in this window, where ADL's API discovery looks first (an SCO in a frame of the package
 * finds its own, as each sandboxed document is an origin of its own); and, in the launch
 * document, for packages that look in window.parent or window.opener first, it stands in for
 * both (at the end).
 *
 * The data live in memory only: the frame's origin is opaque (no storage) and scorm-again has
 * no commit URL, so nothing is sent anywhere. After Initialize, a SetValue of status, score or
 * location, Commit and Finish, a snapshot of what the package reported is posted to the review
 * page: {source: 'oqu-preview', event, state}. The package can post the same itself: the page
 * (review-player.js) shows it as text and trusts nothing else of it.
 */
(function () {
  'use strict';

  const Scorm12API = window.Scorm12API;
  const Scorm2004API = window.Scorm2004API;
  // The package's scope gets the API objects, not scorm-again's constructors.
  try { delete window.Scorm12API; delete window.Scorm2004API; } catch (e) { /* keep them */ }
  if (typeof Scorm12API !== 'function' || typeof Scorm2004API !== 'function') return;

  // logLevel 5: silent (the package's console is the author's); no lmsCommitUrl: memory only.
  const SETTINGS = { autocommit: false, logLevel: 5 };

  // SCORM run-time names, one table per edition; `report` maps an element to its state key.
  const SCORM = {
    '1.2': {
      global: 'API', make: () => new Scorm12API(SETTINGS),
      init: 'LMSInitialize', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish',
      lastError: 'LMSGetLastError',
      report: {
        'cmi.core.lesson_status': 'status',
        'cmi.core.score.raw': 'score',
        'cmi.core.lesson_location': 'location',
      },
    },
    '2004': {
      global: 'API_1484_11', make: () => new Scorm2004API(SETTINGS),
      init: 'Initialize', set: 'SetValue', commit: 'Commit', finish: 'Terminate',
      lastError: 'GetLastError',
      report: {
        'cmi.completion_status': 'status',
        'cmi.success_status': 'success',
        'cmi.score.raw': 'score',
        'cmi.score.scaled': 'scaled',
        'cmi.location': 'location',
      },
    },
  };

  const me = document.currentScript;
  const named = me ? me.getAttribute('data-oqu-scorm') : '';
  const editions = SCORM[named] ? [named] : ['1.2', '2004'];

  const state = {
    offered: editions, api: '', initialize: '', status: '', success: '', score: '', scaled: '',
    location: '', slide: null, refused: '', commits: 0, finish: '',
  };

  // The launch document's parent is the review page; a document in a frame of the package
  // (its own opaque origin, so it gets its own API here) reaches the page as `top`.
  const launch = window.parent === window.top;
  const reviewPage = window.top;
  function post(event) {
    try { reviewPage.postMessage({ source: 'oqu-preview', event, state }, '*'); } catch (e) { /* no parent */ }
  }

  // The Oqu player writes the slide's id as the location (oqu/player/oqu.js, save()); its page
  // lists the slides in order in <script id="oqu-data"> (oqu/packaging/site.py): the id's place in
  // that list is the slide's number. Other packages' locations are the review page's to read.
  let oquSlides = null;
  function oquSlide(location) {
    if (!oquSlides) {
      const data = document.getElementById('oqu-data');
      if (!data || !document.documentElement.hasAttribute('data-oqu-package')) return null;
      try {
        const slides = JSON.parse(data.textContent).slides;
        oquSlides = Array.isArray(slides) ? slides.map((s) => String(s && s.id)) : [];
      } catch (e) { oquSlides = []; }
    }
    const i = oquSlides.indexOf(location);
    return i >= 0 ? i + 1 : null;
  }

  function wrap(api, method, after) {
    const original = api[method].bind(api);
    api[method] = function (...args) {
      const result = original(...args);
      try { after(String(result), args); } catch (e) { /* reporting never breaks the package */ }
      return result;
    };
  }

  for (const edition of editions) {
    const t = SCORM[edition];
    const api = t.make();
    wrap(api, t.init, (result) => {
      state.api = edition;
      state.initialize = result;
      post('initialize');
    });
    wrap(api, t.set, (result, args) => {
      const element = String(args[0]);
      const key = t.report[element];
      if (!key) return;
      const value = String(args[1]);
      if (result !== 'true') {
        state.refused = element + ' = ' + value + ' (' + String(api[t.lastError]()) + ')';
      } else {
        state[key] = value;
        if (key === 'location') state.slide = oquSlide(value);
      }
      post('set');
    });
    wrap(api, t.commit, (result) => {
      if (result === 'true') state.commits += 1;
      post('commit');
    });
    wrap(api, t.finish, (result) => {
      state.finish = result;
      post('finish');
    });
    window[t.global] = api;
  }

  // In an LMS the API lives in a frame above the package, and some packages look in
  // window.parent (or window.opener) before their own window: here they would meet the review
  // page, another origin, and stop. `parent` is a replaceable attribute and `opener` a settable
  // one, so this document stands in for both. (`top` cannot be replaced: a package that looks
  // only there finds nothing.)
  // Only in the launch document: in a nested one, `parent` is the package's own frame, which
  // it may well talk to.
  if (launch && reviewPage !== window) { try { window.parent = window; } catch (e) { /* keep it */ } }
  if (launch && !window.opener) { try { window.opener = window; } catch (e) { /* keep it */ } }
})();
