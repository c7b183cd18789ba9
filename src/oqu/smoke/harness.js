/* Oqu smoke run: window.API (SCORM 1.2) or window.API_1484_11 (2004) backed by scorm-again.
 * Every run-time call, and the first look-up of the API object, is reported at once to the
 * checker through the binding window.__oquEvent, so what happened before a hang is kept. */
(function () {
  'use strict';
  const report = (ev) => { try { window.__oquEvent(ev); } catch (e) { /* no binding */ } };
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
        report({ kind: 'lms', call: method, args: args.map(String).slice(0, 2),
                 result: String(result), phase, t: performance.now() });
      }
      return result;
    };
  }
  let looked = false;
  Object.defineProperty(window, v2004 ? 'API_1484_11' : 'API', {
    get() {
      if (!looked) { looked = true; report({ kind: 'lookup', t: performance.now() }); }
      return api;
    },
  });
  window.oquExit = () => { phase = 'exit'; document.getElementById('sco').src = 'about:blank'; };
  report({ kind: 'harness', origin: t0 });
  document.getElementById('sco').src = q.get('pkg');
})();
