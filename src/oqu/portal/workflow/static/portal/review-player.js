/* The review page's player panel: what the package in the sandboxed frame reports to the preview
 * LMS (preview-lms.js, inside the frame), and the slide-comment form following the player.
 *
 * Loaded only on the review page, before the frame, so no message is missed. The frame's
 * origin is opaque ("null"): a message counts only when it comes from the player frame's own
 * window or a frame inside it. Everything in it is the package's to write (it may post the same itself), so it is
 * shown as text, cut to length, and a slide number is only ever a suggestion in the form.
 */
(function () {
  'use strict';

  const MAX = 200;
  const text = (v) => (v == null ? '' : String(v)).slice(0, MAX);
  const blank = new Map(); // each panel value's text before the package reported anything
  let lastLocation = null;
  let prefilled = '';

  function field(name) {
    const el = document.querySelector('[data-lms="' + name + '"]');
    if (el && !blank.has(el)) blank.set(el, el.textContent);
    return el;
  }

  function show(name, value) {
    const el = field(name);
    if (el) el.textContent = value === '' ? blank.get(el) : value;
  }

  // The slide field follows the player: the slide the preview LMS found for an Oqu package, or
  // a location that is a whole number; otherwise the reviewer types it, the location beside.
  function follow(location, slide) {
    const form = document.getElementById('slide-comment');
    const input = form ? form.elements.namedItem('slide') : null;
    if (!input) return;
    const min = Number(input.min || 1);
    const max = Number(input.max || 10000);
    let n = Number.isInteger(slide) ? slide : null;
    if (n === null && /^\s*\d{1,6}\s*$/.test(location)) n = parseInt(location, 10);
    const raw = document.getElementById('slide-location');
    if (n !== null && n >= min && n <= max) {
      if (document.activeElement !== input) {
        input.value = String(n);
        prefilled = input.value;
      }
      if (raw) raw.hidden = true;
      return;
    }
    if (input.value === prefilled && document.activeElement !== input) input.value = '';
    prefilled = '';
    if (raw) {
      raw.querySelector('code').textContent = location;
      raw.hidden = location === '';
    }
  }

  function update(state) {
    show('initialize', text(state.initialize));
    show('status', [text(state.status), text(state.success)].filter(Boolean).join(', '));
    const score = text(state.score);
    const scaled = text(state.scaled);
    show('score', score && scaled ? score + ' (' + scaled + ')' : score || scaled);
    const location = text(state.location);
    show('location', location);
    show('refused', text(state.refused));
    show('commits', Number.isInteger(state.commits) && state.commits > 0 ? String(state.commits) : '');
    show('finish', text(state.finish));
    if (location !== lastLocation) {
      lastLocation = location;
      follow(location, state.slide);
    }
  }

  // The player frame's window or a frame inside it (a package's SCO may sit in one). `parent`
  // is readable across origins, and the real one, whatever the package assigned to it.
  function fromPlayer(source) {
    const frame = document.querySelector('iframe.player');
    if (!frame || !source) return false;
    let w = source;
    for (let n = 0; n < 10 && w && w !== window; n++) {
      if (w === frame.contentWindow) return true;
      w = w.parent;
    }
    return false;
  }

  window.addEventListener('message', (event) => {
    if (!fromPlayer(event.source)) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.source !== 'oqu-preview') return;
    if (!data.state || typeof data.state !== 'object') return;
    update(data.state);
  });

  // The page's Content-Security-Policy (frame-src 'self') refuses any navigation of the player
  // frame to another origin — a package taking its frame to a look-alike sign-in page, say.
  // The refusal is reported here: the reviewer is told what the package tried, in place of a
  // blank frame.
  document.addEventListener('securitypolicyviolation', (event) => {
    const directive = String(event.effectiveDirective || event.violatedDirective || '');
    if (directive.indexOf('frame-src') !== 0) return;
    const notice = document.getElementById('player-left');
    if (!notice) return;
    notice.querySelector('code').textContent = text(event.blockedURI);
    notice.hidden = false;
  });
})();
