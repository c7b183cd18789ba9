/* Test LMS: exposes window.API (SCORM 1.2) or window.API_1484_11 (2004) backed by scorm-again,
 * records every run-time call, and loads the package under test into the #sco frame.
 *   window.lmsState() -> the CMI data model as plain JSON
 *   window.lmsLog()   -> [{call, args, result, t}] for Initialize/Get/Set/Commit/Finish
 * mode=misbehave: Commit answers "false" and SetValue throws for the location element. */
(function () {
  'use strict';
  const q = new URLSearchParams(location.search);
  const v2004 = q.get('api') === '2004';
  const misbehave = q.get('mode') === 'misbehave';
  const names = v2004
    ? { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate',
        location: 'cmi.location' }
    : { init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit',
        finish: 'LMSFinish', location: 'cmi.core.lesson_location' };
  const settings = { autocommit: false, logLevel: 4 };
  const api = v2004 ? new window.Scorm2004API(settings) : new window.Scorm12API(settings);

  let seed = q.get('seed');
  if (seed === 'storage') seed = localStorage.getItem('oqu-harness-seed');
  if (seed) api.loadFromJSON(JSON.parse(seed));

  const log = [];
  for (const key of ['init', 'get', 'set', 'commit', 'finish']) {
    const method = names[key];
    const original = api[method].bind(api);
    api[method] = function (...args) {
      const entry = { call: method, args, result: null, t: Date.now() };
      log.push(entry);
      if (misbehave && key === 'commit') { entry.result = 'false'; return 'false'; }
      if (misbehave && key === 'set' && args[0] === names.location) {
        entry.result = 'threw';
        throw new Error('misbehaving LMS: ' + method + '(' + args[0] + ')');
      }
      entry.result = original(...args);
      return entry.result;
    };
  }

  window[v2004 ? 'API_1484_11' : 'API'] = api;
  window.lmsState = () => JSON.parse(JSON.stringify(api.cmi));
  window.lmsLog = () => JSON.parse(JSON.stringify(log));
  document.getElementById('sco').src = q.get('pkg') || '/pkg/index.html';
})();
