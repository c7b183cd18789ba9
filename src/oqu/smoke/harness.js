/* Oqu smoke run: window.API (SCORM 1.2) or window.API_1484_11 (2004) backed by scorm-again.
 * Every run-time call, and the first look-up of the API object, is reported at once to the
 * checker, so what happened before a hang is kept. The channel (see oqu/smoke/child.py) is
 * taken from the init script once, before the package's frame exists, and kept in this
 * closure; the built-ins it relies on are kept too, before the package could replace them. */
(function () {
  'use strict';
  const send = window.__oquTake ? window.__oquTake() : null;
  const S = String;
  const now = performance.now.bind(performance);
  const report = (kind, fields) => { if (send) { try { send(kind, fields); } catch (e) { /* */ } } };
  const q = new URLSearchParams(location.search);
  const v2004 = q.get('api') === '2004';
  const names = v2004
    ? ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate', 'GetLastError']
    : ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish', 'LMSGetLastError'];
  const api = v2004
    ? new window.Scorm2004API({ autocommit: false, logLevel: 5 })
    : new window.Scorm12API({ autocommit: false, logLevel: 5 });
  const t0 = performance.timeOrigin;
  let phase = 'run';
  for (const method of names) {
    const original = api[method].bind(api);
    api[method] = function (...args) {
      let result;
      try { result = original(...args); } catch (e) { result = 'threw: ' + e; }
      if (method !== 'LMSGetLastError' && method !== 'GetLastError') {
        const n = args.length;
        report('lms', ['call', method, 'n', n < 2 ? n : 2, 'a0', n > 0 ? S(args[0]) : '',
                       'a1', n > 1 ? S(args[1]) : '', 'result', S(result), 'phase', phase,
                       't', now()]);
      }
      return result;
    };
  }
  let looked = false;
  Object.defineProperty(window, v2004 ? 'API_1484_11' : 'API', {
    get() {
      if (!looked) { looked = true; report('lookup', ['t', now()]); }
      return api;
    },
  });
  window.oquExit = () => { phase = 'exit'; document.getElementById('sco').src = 'about:blank'; };
  report('harness', ['origin', t0]);
  document.getElementById('sco').src = q.get('pkg');
})();
